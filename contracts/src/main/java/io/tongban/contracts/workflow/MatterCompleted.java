package io.tongban.contracts.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Every required task is done. {@code results} lists what each department issued, in one place. */
public record MatterCompleted(
        String matterId,
        long sequence,
        List<DepartmentResult> results,
        Instant completedAt) implements WorkflowEvent {

    public record DepartmentResult(String taskKey, String department, Map<String, Object> outputs) {
    }
}
