package io.tongban.contracts.department;

import java.time.Instant;
import java.util.List;

/** 补正: the department cannot decide until the applicant supplies these items (one notice listing all of them). */
public record DepartmentTaskSupplementNeeded(
        String taskId,
        String matterId,
        String department,
        List<SupplementItem> items,
        Instant requestedAt) {
}
