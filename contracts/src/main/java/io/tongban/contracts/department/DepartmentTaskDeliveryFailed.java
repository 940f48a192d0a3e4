package io.tongban.contracts.department;

import java.time.Instant;

/** The gateway could not deliver a task to the department's system after its last retry. */
public record DepartmentTaskDeliveryFailed(
        String taskId,
        String matterId,
        String department,
        int attempts,
        String lastError,
        Instant failedAt) {
}
