package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.List;

/** The applicant's supplement arrived; {@code resumedTasks} go on (names of what was supplied, never values). */
public record SupplementReceived(
        String matterId,
        long sequence,
        List<String> fields,
        List<String> materials,
        List<String> resumedTasks,
        Instant receivedAt) implements WorkflowEvent {
}
