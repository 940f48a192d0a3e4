package io.tongban.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One department's part of a matter. {@code inputs} maps the name the department sees to where the
 * value comes from; a department receives nothing else (data minimisation).
 * {@code byCommitment}: 告知承诺制, the task is approved on the applicant's written commitment and the
 * department checks afterwards. {@code jointReview}: the name of a group of parallel reviews whose
 * opinions are combined into one reply (联合审查), or null.
 */
public record TaskDefinition(
        String key,
        String department,
        LocalizedText title,
        Map<String, InputSource> inputs,
        List<String> outputs,
        List<String> dependsOn,
        Condition condition,
        int deadlineWorkingDays,
        boolean byCommitment,
        String jointReview) {

    public TaskDefinition {
        inputs = Map.copyOf(inputs);
        outputs = List.copyOf(outputs);
        dependsOn = List.copyOf(dependsOn);
    }

    /** The materials among the inputs: a task cannot start before they are in (容缺受理 lets the rest start). */
    public List<String> materialInputs() {
        return inputs.values().stream().filter(s -> s.kind() == InputSource.Kind.MATERIAL)
                .map(s -> s.path().get(0)).distinct().toList();
    }

    public Optional<String> jointReviewGroup() {
        return Optional.ofNullable(jointReview);
    }

    public Optional<Condition> when() {
        return Optional.ofNullable(condition);
    }
}
