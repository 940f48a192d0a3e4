package io.tongban.gateway.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A task's way to its department. HTTP: PENDING → SENDING → DELIVERED → ANSWERED (or AWAITING_SUPPLEMENT,
 * then PENDING again to deliver the supplement), or FAILED / CANCELLED. Clerk work queue: OPEN → CLAIMED →
 * ANSWERED (or AWAITING_SUPPLEMENT → OPEN again), or CANCELLED. A DELIVERED task left unanswered past the
 * department's answer timeout goes back to PENDING to be delivered again; after the last delivery it stays
 * DELIVERED with {@code stalledAt} set (an answer still completes it).
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String ANSWERED = "ANSWERED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";
    public static final String OPEN = "OPEN";
    public static final String CLAIMED = "CLAIMED";
    public static final String AWAITING_SUPPLEMENT = "AWAITING_SUPPLEMENT";

    /** What the next HTTP delivery carries. */
    public static final String KIND_TASK = "task";
    public static final String KIND_SUPPLEMENT = "supplement";
    public static final String KIND_CANCELLATION = "cancellation";

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

    public String kind = KIND_TASK;

    /** The supplement or cancellation waiting to be delivered (its event JSON). */
    public String message;

    @Column(name = "clerk_id")
    public String clerkId;

    @Column(name = "answered_at")
    public Instant answeredAt;

    /** The recorded answer as canonical JSON ({@code DepartmentAnswer#canonical}); null before an answer. */
    public String answer;

    /** How often the current message (task or supplement) reached the department system (2xx). */
    public int deliveries;

    @Column(name = "last_delivered_at")
    public Instant lastDeliveredAt;

    /** Since when the department has had the current message without answering it (its first delivery). */
    @Column(name = "waiting_since")
    public Instant waitingSince;

    /** When the task was reported stalled: unanswered through every re-delivery. */
    @Column(name = "stalled_at")
    public Instant stalledAt;
}
