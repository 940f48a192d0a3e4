package io.tongban.orchestrator.domain;

import java.time.Duration;
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
    private String reason;
    private int overdueLevel;
    private Instant pausedAt;
    private int pendingDependencies;

    public TaskState(String taskKey, String taskId, String department, TaskStatus status, Map<String, Object> outputs,
                     Instant dispatchedAt, Instant finishedAt, Instant dueAt, String reason, int overdueLevel,
                     Instant pausedAt, int pendingDependencies) {
        this.taskKey = taskKey;
        this.taskId = taskId;
        this.department = department;
        this.status = status;
        this.outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        this.dispatchedAt = dispatchedAt;
        this.finishedAt = finishedAt;
        this.dueAt = dueAt;
        this.reason = reason;
        this.overdueLevel = overdueLevel;
        this.pausedAt = pausedAt;
        this.pendingDependencies = pendingDependencies;
    }

    static TaskState waiting(String matterId, String taskKey, String department, int dependencies) {
        return new TaskState(taskKey, taskIdOf(matterId, taskKey), department, TaskStatus.WAITING, Map.of(),
                null, null, null, null, 0, null, dependencies);
    }

    /** One of its dependencies released it (done, or its joint review's opinion issued). */
    void dependencyReleased() {
        pendingDependencies--;
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

    void committed(Map<String, Object> result) {
        status = TaskStatus.COMMITTED;
        outputs = result == null ? Map.of() : Map.copyOf(result);
    }

    void awaitingMaterial(Instant since) {
        status = TaskStatus.AWAITING_MATERIAL;
        pausedAt = since;
    }

    void materialArrived() {
        status = TaskStatus.WAITING;
        pausedAt = null;
    }

    void awaitingSupplement(Instant since) {
        status = TaskStatus.AWAITING_SUPPLEMENT;
        pausedAt = since;
    }

    /**
     * Back with the department after a supplement: the due date moves by the elapsed waiting time (a plain
     * duration, which over a waiting period is the same number of working and non-working days as it spans).
     */
    void resumed(Instant at) {
        if (pausedAt != null && dueAt != null) {
            dueAt = dueAt.plus(Duration.between(pausedAt, at));
        }
        status = TaskStatus.DISPATCHED;
        pausedAt = null;
    }

    void deliveryFailed(String why) {
        status = TaskStatus.DELIVERY_FAILED;
        reason = why;
    }

    void overdue(int level) {
        overdueLevel = level;
    }

    void finished(TaskStatus finalStatus, Map<String, Object> result, Instant at) {
        status = finalStatus;
        outputs = result == null ? Map.of() : Map.copyOf(result);
        finishedAt = at;
        pausedAt = null;
    }

    void finished(TaskStatus finalStatus, String why, Instant at) {
        status = finalStatus;
        reason = why;
        finishedAt = at;
        pausedAt = null;
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

    /** Why it was refused, or why delivery failed. */
    public String reason() {
        return reason;
    }

    /** How many escalation levels of 超时督办 have been raised for it. */
    public int overdueLevel() {
        return overdueLevel;
    }

    /** How many of its dependencies have not released it yet: it may start at zero. */
    public int pendingDependencies() {
        return pendingDependencies;
    }

    /** Since when it waits for the applicant (supplement or material), or null. */
    public Instant pausedAt() {
        return pausedAt;
    }
}
