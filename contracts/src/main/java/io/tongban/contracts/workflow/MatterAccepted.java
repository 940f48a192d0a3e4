package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.List;

/** The orchestrator took the matter on, with the plan of department tasks it will run. */
public record MatterAccepted(
        String matterId,
        long sequence,
        String matterType,
        int definitionVersion,
        String applicantId,
        String titleZh,
        String titleEn,
        Instant submittedAt,
        Instant acceptedAt,
        List<PlannedTask> tasks) implements WorkflowEvent {

    public record PlannedTask(String taskKey, String department, String titleZh, String titleEn,
                              List<String> dependsOn, int deadlineWorkingDays) {
    }
}
