package io.tongban.contracts.workflow;

import java.time.Instant;

/** A running task was cancelled because the matter ended another way (rejection elsewhere, withdrawal). */
public record TaskCancelled(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        String reason,
        Instant cancelledAt) implements WorkflowEvent {
}
