package io.tongban.contracts.workflow;

import java.time.Instant;

/** The task never reached its department's system; the matter shows the problem instead of hanging. */
public record TaskDeliveryFailed(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        String reason,
        Instant failedAt) implements WorkflowEvent {
}
