package io.tongban.contracts.department;

import java.time.Instant;

/** The department's system (or the gateway on its behalf) acknowledged a task. */
public record DepartmentTaskReceived(String taskId, String matterId, String department, Instant receivedAt) {
}
