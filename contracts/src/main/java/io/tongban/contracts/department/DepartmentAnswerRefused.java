package io.tongban.contracts.department;

import java.time.Instant;

/**
 * An answer of the department that the platform did not accept (unsigned, wrongly signed, not valid against its
 * schema, or conflicting with the answer already recorded), sent back on {@code tongban.dept.<dept>.refused}.
 * {@code matterId} and {@code taskId} are null where the refused record did not name them.
 */
public record DepartmentAnswerRefused(
        String department,
        String matterId,
        String taskId,
        String answerEventId,
        String answerType,
        String reason,
        Instant refusedAt) {
}
