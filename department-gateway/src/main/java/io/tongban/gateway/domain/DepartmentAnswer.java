package io.tongban.gateway.domain;

import java.util.Map;

/**
 * A department system's answer to one task, as it arrives on the callback endpoint.
 * {@code outcome} is {@code completed} (with the task's outputs) or {@code rejected} (with a reason).
 */
public record DepartmentAnswer(String taskId, String outcome, Map<String, Object> outputs, String reason) {
    public static final String COMPLETED = "completed";
    public static final String REJECTED = "rejected";
}
