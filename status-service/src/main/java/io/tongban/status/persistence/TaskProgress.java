package io.tongban.status.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "task_progress")
@IdClass(TaskProgress.Key.class)
public class TaskProgress extends PanacheEntityBase {
    @Id
    @Column(name = "matter_id")
    public UUID matterId;

    @Id
    @Column(name = "task_key")
    public String taskKey;

    @Column(name = "task_id")
    public String taskId;

    public String department;

    @Column(name = "title_zh")
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    /** JSON list of task keys. */
    @Column(name = "depends_on")
    public String dependsOn;

    @Column(name = "deadline_working_days")
    public int deadlineWorkingDays;

    public String state;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    /** JSON object of what the department issued. */
    public String outputs;

    public String reason;

    /** JSON list of the input names the department received (never their values). */
    @Column(name = "input_names")
    public String inputNames;

    /** JSON list of supplement items (kind, name, reason) the task waits for, besides its dependencies. */
    @Column(name = "waiting_for")
    public String waitingFor;

    @Column(name = "overdue_level")
    public String overdueLevel;

    /** 容缺受理: by when the materials it waits for were promised; the matter ends if they are not in by then. */
    @Column(name = "promised_by")
    public Instant promisedBy;

    /** The department took the task but did not answer through every re-delivery: since when it waits (null: not stalled). */
    @Column(name = "stalled_since")
    public Instant stalledSince;

    @Column(name = "stalled_at")
    public Instant stalledAt;

    @Column(name = "stalled_deliveries")
    public Integer stalledDeliveries;

    /** The task's next decision ends a stall. */
    public void notStalled() {
        stalledSince = null;
        stalledAt = null;
        stalledDeliveries = null;
    }

    public static class Key implements Serializable {
        public UUID matterId;
        public String taskKey;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(matterId, k.matterId) && Objects.equals(taskKey, k.taskKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(matterId, taskKey);
        }
    }
}
