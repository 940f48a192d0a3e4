package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.List;

/**
 * 联合审查: the opinions of a group of parallel reviews, combined into one reply to the applicant.
 * Any department's objection makes the combined opinion an objection, with every department's reasons.
 */
public record JointOpinionIssued(
        String matterId,
        long sequence,
        String group,
        boolean objection,
        List<Opinion> opinions,
        Instant issuedAt) implements WorkflowEvent {

    public record Opinion(String taskKey, String department, boolean objection, String reason) {
    }
}
