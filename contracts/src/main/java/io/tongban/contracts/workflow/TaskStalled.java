package io.tongban.contracts.workflow;

import java.time.Instant;

/** The department took the task but has not answered through every re-delivery: the applicant waits on it. */
public record TaskStalled(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        int deliveries,
        Instant waitingSince,
        Instant stalledAt) implements WorkflowEvent {
}
