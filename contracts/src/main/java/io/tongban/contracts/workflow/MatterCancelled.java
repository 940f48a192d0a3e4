package io.tongban.contracts.workflow;

import java.time.Instant;

/** The matter ended without a decision, e.g. withdrawn by the applicant. */
public record MatterCancelled(
        String matterId,
        long sequence,
        String reason,
        Instant cancelledAt) implements WorkflowEvent {
}
