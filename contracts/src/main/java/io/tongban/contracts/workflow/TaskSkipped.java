package io.tongban.contracts.workflow;

import java.time.Instant;

/** A task's condition did not hold for this matter (e.g. no outdoor sign), so its department is never asked. */
public record TaskSkipped(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        String condition,
        Instant skippedAt) implements WorkflowEvent {
}
