package io.tongban.contracts.workflow;

import java.time.Instant;

/** 告知承诺制: checked after the fact, the applicant's commitment was false; the approval it gave is revoked. */
public record CommitmentRevoked(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        String reason,
        Instant revokedAt) implements WorkflowEvent {
}
