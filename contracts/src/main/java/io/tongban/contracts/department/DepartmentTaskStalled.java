package io.tongban.contracts.department;

import java.time.Instant;

/**
 * The gateway delivered the task (the department's system took it) but no answer came back, through every
 * re-delivery after the department's answer timeout. The task waits on the department; someone must look.
 */
public record DepartmentTaskStalled(
        String taskId,
        String matterId,
        String department,
        int deliveries,
        Instant waitingSince,
        Instant stalledAt) {
}
