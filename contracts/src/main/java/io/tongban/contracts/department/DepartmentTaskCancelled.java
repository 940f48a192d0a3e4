package io.tongban.contracts.department;

import java.time.Instant;

/** The department should stop working on a task: the matter ended another way. */
public record DepartmentTaskCancelled(
        String taskId,
        String matterId,
        String department,
        String reason,
        Instant cancelledAt) {
}
