package io.tongban.contracts.department;

import java.time.Instant;
import java.util.Map;

/** The applicant supplied what the department asked for: the task's declared inputs, as they are now. */
public record DepartmentTaskSupplemented(
        String taskId,
        String matterId,
        String department,
        Map<String, Object> inputs,
        Instant supplementedAt) {
}
