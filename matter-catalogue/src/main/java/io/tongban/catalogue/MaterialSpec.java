package io.tongban.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * One document the applicant gives once: what it is, whether it is needed, which file types are accepted.
 * {@code followLaterWithinWorkingDays}: for a material that may follow later (容缺受理), the working days the
 * applicant's written promise gives them to hand it in, counted from acceptance; if it is not in by then the
 * matter ends. Null for the other materials.
 */
public record MaterialSpec(String name, LocalizedText title, MaterialRequirement requirement, List<String> contentTypes,
                           Integer followLaterWithinWorkingDays) {
    /** The promise period when a definition names none. */
    public static final int DEFAULT_FOLLOW_LATER_WORKING_DAYS = 5;

    public MaterialSpec {
        contentTypes = contentTypes == null ? List.of("application/pdf", "image/jpeg", "image/png") : List.copyOf(contentTypes);
        if (requirement == MaterialRequirement.MAY_FOLLOW_LATER && followLaterWithinWorkingDays == null) {
            followLaterWithinWorkingDays = DEFAULT_FOLLOW_LATER_WORKING_DAYS;
        }
    }

    public MaterialSpec(String name, LocalizedText title, MaterialRequirement requirement, List<String> contentTypes) {
        this(name, title, requirement, contentTypes, null);
    }

    /** 容缺受理: the promise period in working days, for a material that may follow later. */
    public Optional<Integer> promisePeriod() {
        return requirement == MaterialRequirement.MAY_FOLLOW_LATER ? Optional.of(followLaterWithinWorkingDays)
                : Optional.empty();
    }
}
