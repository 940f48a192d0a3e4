package io.tongban.orchestrator.domain;

import java.time.Instant;
import java.util.Map;

/** Where one department task of a matter stands. */
public final class TaskState {
    private final String taskKey;
    private final String taskId;
    private final String department;
    private TaskStatus status;
    private Map<String, Object> outputs;
    private Instant dispatchedAt;
    private Instant finishedAt;
    private Instant dueAt;

    public TaskState(String taskKey, String taskId, String department, TaskStatus status, Map<String, Object> outputs,
                     Instant dispatchedAt, Instant finishedAt, Instant dueAt) {
        this.taskKey = taskKey;
        this.taskId = taskId;
        this.department = department;
        this.status = status;
        this.outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        this.dispatchedAt = dispatchedAt;
        this.finishedAt = finishedAt;
        this.dueAt = dueAt;
    }

    static TaskState waiting(String matterId, String taskKey, String department) {
        return new TaskState(taskKey, taskIdOf(matterId, taskKey), department, TaskStatus.WAITING, Map.of(),
                null, null, null);
    }

    /** Deterministic, so that a department can de-duplicate on it and a re-dispatch is recognisable. */
    public static String taskIdOf(String matterId, String taskKey) {
        return matterId + ":" + taskKey;
    }

    void dispatched(Instant at, Instant due) {
        status = TaskStatus.DISPATCHED;
        dispatchedAt = at;
        dueAt = due;
    }

    void finished(TaskStatus finalStatus, Map<String, Object> result, Instant at) {
        status = finalStatus;
        outputs = result == null ? Map.of() : Map.copyOf(result);
        finishedAt = at;
    }

    public String taskKey() {
        return taskKey;
    }

    public String taskId() {
        return taskId;
    }

    public String department() {
        return department;
    }

    public TaskStatus status() {
        return status;
    }

    public Map<String, Object> outputs() {
        return outputs;
    }

    public Instant dispatchedAt() {
        return dispatchedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }
}
