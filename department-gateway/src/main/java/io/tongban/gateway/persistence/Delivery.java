package io.tongban.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A task's way to its department: PENDING → SENDING → DELIVERED → ANSWERED, or FAILED / CANCELLED. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String ANSWERED = "ANSWERED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    @Column(name = "task_id")
    public String taskId;

    @Column(name = "matter_id")
    public UUID matterId;

    public String department;
    public String payload;
    public String state;
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "claimed_at")
    public Instant claimedAt;

    public String outcome;

    @Column(name = "answered_at")
    public Instant answeredAt;
}
