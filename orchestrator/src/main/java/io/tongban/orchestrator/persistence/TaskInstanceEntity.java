package io.tongban.orchestrator.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "task_instance")
public class TaskInstanceEntity extends PanacheEntityBase {
    @Id
    @Column(name = "task_id")
    public String taskId;

    @Column(name = "matter_id")
    public UUID matterId;

    @Column(name = "task_key")
    public String taskKey;

    public String department;
    public String state;
    public String outputs;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "due_at")
    public Instant dueAt;

    public String reason;

    /** Dependencies that still hold the task back (null: planned before the counters existed). */
    @Column(name = "pending_dependencies")
    public Integer pendingDependencies;

    @Column(name = "overdue_level")
    public int overdueLevel;

    @Column(name = "next_escalation_at")
    public Instant nextEscalationAt;

    @Column(name = "paused_at")
    public Instant pausedAt;
}
