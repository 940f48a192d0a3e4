package io.tongban.contracts.workflow;

import java.time.Instant;

/** The matter cannot be granted; {@code taskKey} names the department task whose rejection decided it. */
public record MatterRejected(
        String matterId,
        long sequence,
        String taskKey,
        String department,
        String reason,
        Instant rejectedAt) implements WorkflowEvent {
}
