package io.tongban.contracts.workflow;

import java.time.Instant;

/** A department refused its task (不予受理), with its written reason. */
public record TaskRejected(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        String reason,
        Instant rejectedAt) implements WorkflowEvent {
}
