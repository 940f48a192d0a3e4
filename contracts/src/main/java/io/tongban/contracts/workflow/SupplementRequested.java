package io.tongban.contracts.workflow;

import io.tongban.contracts.department.SupplementItem;
import java.time.Instant;
import java.util.List;

/** 补正: the matter waits for the applicant; the task's deadline clock is paused. */
public record SupplementRequested(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        List<SupplementItem> items,
        Instant requestedAt) implements WorkflowEvent {
}
