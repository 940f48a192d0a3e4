package io.tongban.catalogue;

import java.util.Map;
import java.util.Optional;

/**
 * 免申即享 proactive service: once a matter of this type completes, the platform may offer the applicant
 * another matter type, with its form partly filled in. {@code prefill} maps a field path of the suggested
 * matter's form (such as {@code child.name}) to where the value comes from in this matter
 * ({@code form.<path>} or {@code tasks.<taskKey>.<output>}). {@code afterYears}: offer it only that many
 * years after completion (a newborn is suggested school enrolment at six), or null to offer it at once.
 */
public record Suggestion(String matterType, LocalizedText reason, Map<String, InputSource> prefill, Integer afterYears) {

    public Suggestion {
        prefill = Map.copyOf(prefill);
    }

    public Optional<Integer> delayYears() {
        return Optional.ofNullable(afterYears);
    }
}
