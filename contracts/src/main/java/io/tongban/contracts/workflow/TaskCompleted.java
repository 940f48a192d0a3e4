package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.Map;

/** A department finished its task; its outputs (licence and certificate numbers, …) are the applicant's results. */
public record TaskCompleted(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        Map<String, Object> outputs,
        Instant completedAt) implements WorkflowEvent {
}
