package io.tongban.contracts.department;

import java.time.Instant;

/** The department refused a task, with a written reason the applicant will read. */
public record DepartmentTaskRejected(
        String taskId,
        String matterId,
        String department,
        String reason,
        Instant rejectedAt) {
}
