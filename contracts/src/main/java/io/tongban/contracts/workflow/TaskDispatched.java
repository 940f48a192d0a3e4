package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.List;

/** A task went to its department's topic. {@code inputNames} lists which data it carried (never the values). */
public record TaskDispatched(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        List<String> inputNames,
        Instant dispatchedAt,
        Instant dueAt) implements WorkflowEvent {
}
