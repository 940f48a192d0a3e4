package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.List;

/** 容缺受理: the task's dependencies are done but it needs materials the applicant promised to hand in later. */
public record TaskAwaitingMaterial(
        String matterId,
        long sequence,
        String taskId,
        String taskKey,
        String department,
        List<String> materials,
        Instant since) implements WorkflowEvent {
}
