package io.tongban.contracts.department;

import java.time.Instant;
import java.util.Map;

/** The department finished a task; {@code outputs} carries the values the task definition declares. */
public record DepartmentTaskCompleted(
        String taskId,
        String matterId,
        String department,
        Map<String, Object> outputs,
        Instant completedAt) {
}
