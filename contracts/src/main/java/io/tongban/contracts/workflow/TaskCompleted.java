package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.Map;

/**
 * A department finished its task; its outputs (licence and certificate numbers, …) are the applicant's results.
 * {@code byCommitment}: 告知承诺制, the task counts as done on the applicant's commitment and the department
 * checks afterwards (a later refusal is a {@link CommitmentRevoked}).
 */
public record TaskCompleted(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        Map<String, Object> outputs,
        Instant completedAt,
        boolean byCommitment) implements WorkflowEvent {
}
