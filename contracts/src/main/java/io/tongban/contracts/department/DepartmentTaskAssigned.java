package io.tongban.contracts.department;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A department is asked to do one task. {@code inputs} holds only what the matter definition declares
 * for this task (data minimisation); {@code outputs} names what the department is expected to return.
 * {@code taskId} is the idempotency key a department uses to de-duplicate.
 */
public record DepartmentTaskAssigned(
        String taskId,
        String matterId,
        String matterType,
        String taskKey,
        String department,
        String titleZh,
        String titleEn,
        Map<String, Object> inputs,
        List<String> outputs,
        Instant assignedAt,
        Instant dueAt) {
}
