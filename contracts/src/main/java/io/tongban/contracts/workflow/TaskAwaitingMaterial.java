package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.List;

/**
 * 容缺受理: the task's dependencies are done but it needs materials the applicant promised to hand in later.
 * {@code promisedBy}: the deadline of that written promise (the earliest, if several); if a promised material
 * is not in by then the matter ends. Null on events from before promises had deadlines.
 */
public record TaskAwaitingMaterial(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        List<String> materials,
        Instant since,
        Instant promisedBy) implements WorkflowEvent {
}
