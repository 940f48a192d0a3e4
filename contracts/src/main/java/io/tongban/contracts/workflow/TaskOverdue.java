package io.tongban.contracts.workflow;

import java.time.Instant;

/** 超时督办: a task is past its deadline; {@code level} is the escalation reached (yellow, red, …). */
public record TaskOverdue(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        Instant dueAt,
        String level,
        Instant detectedAt) implements WorkflowEvent {
}
