package io.tongban.gateway.rest;

import io.smallrye.mutiny.Uni;
import io.tongban.contracts.Topics;
import io.tongban.gateway.domain.DepartmentAnswer;
import io.tongban.gateway.persistence.Delivery;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutgoingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Records a department's answer (from its system's callback or from a clerk) with the task and puts the
 * result event in the outbox, in the caller's transaction. Answering again the same way (the contract asks a
 * department to answer every delivery) changes nothing; answering differently after a final answer is a conflict
 * naming the recorded answer and its time.
 */
@ApplicationScoped
public class TaskAnswers {
    private static final Logger LOG = Logger.getLogger(TaskAnswers.class);

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    AnswerEvidence evidence;

    /**
     * What the department is told: the task, the answer recorded for it and when, and whether this call was a repeat
     * of an answer already recorded (then nothing changed).
     */
    public record Receipt(String taskId, String matterId, String outcome, String state, Instant recordedAt, boolean repeat) {
    }

    /**
     * A clerk's answer from the work queue: the gateway signs it with the department's evidence key it holds
     * for the department's clerks (none held: the result goes unsigned and the orchestrator refuses it).
     */
    public Uni<Receipt> record(Delivery delivery, DepartmentAnswer answer) {
        return record(delivery, answer, event -> evidence.signedForClerks(event, delivery.department));
    }

    /**
     * {@code delivery} is the department's task, loaded with a write lock in the current transaction.
     * {@code evidenceSignature} is the department system's verified signature of the answer (null: it sent none).
     */
    public Uni<Receipt> record(Delivery delivery, DepartmentAnswer answer, String evidenceSignature) {
        return record(delivery, answer, event -> evidence.withSignature(event, delivery.department, evidenceSignature));
    }

    private Uni<Receipt> record(Delivery delivery, DepartmentAnswer answer, UnaryOperator<OutgoingEvent> sign) {
        String said = answer.canonical();
        if (Delivery.ANSWERED.equals(delivery.state)) {
            if (sameAsRecorded(delivery, answer, said)) {
                return Uni.createFrom().item(receiptOf(delivery, true));
            }
            // never a second hand-off: the evidence chain holds one answer per task state change
            LOG.warnf("matter %s: %s answered task %s again differently (%s, recorded %s at %s): refused", delivery.matterId,
                    delivery.department, delivery.taskId, answer.outcome(), delivery.outcome, delivery.answeredAt);
            throw Problems.conflict("task " + delivery.taskId + ": this answer conflicts with the answer recorded at "
                            + delivery.answeredAt + " (" + delivery.outcome + ")",
                    Map.of("recordedOutcome", delivery.outcome, "recordedAt", String.valueOf(delivery.answeredAt)));
        }
        if (Delivery.CANCELLED.equals(delivery.state)) {
            throw Problems.conflict("task " + delivery.taskId + " was cancelled");
        }
        if (Delivery.AWAITING_SUPPLEMENT.equals(delivery.state) && !answer.closesTheTask()) {
            return Uni.createFrom().item(receiptOf(delivery, true));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String matterId = delivery.matterId.toString();
        delivery.state = answer.closesTheTask() ? Delivery.ANSWERED : Delivery.AWAITING_SUPPLEMENT;
        delivery.outcome = answer.outcome();
        delivery.answer = said;
        delivery.answeredAt = now;
        Object result = answer.toEvent(matterId, delivery.department, now);
        OutgoingEvent event = sign.apply(OutgoingEvent.of(Topics.resultsOf(delivery.department), matterId, result, now));
        return outbox.add(event).replaceWith(receiptOf(delivery, false));
    }

    /** Answers recorded before answers were kept whole are compared by their outcome alone. */
    private static boolean sameAsRecorded(Delivery delivery, DepartmentAnswer answer, String said) {
        return delivery.answer == null ? answer.outcome().equals(delivery.outcome) : delivery.answer.equals(said);
    }

    private static Receipt receiptOf(Delivery delivery, boolean repeat) {
        return new Receipt(delivery.taskId, delivery.matterId.toString(), delivery.outcome, delivery.state,
                delivery.answeredAt, repeat);
    }

    /** Logged once the answer's transaction committed: a line in the log means the answer is durable. */
    static void logRecorded(Receipt receipt, String department, String by) {
        if (receipt.repeat()) {
            LOG.infof("matter %s: %s repeated its answer to task %s (%s): nothing changed", receipt.matterId(), department,
                    receipt.taskId(), receipt.outcome());
        } else {
            LOG.infof("matter %s: %s answered task %s: %s (recorded, from %s)", receipt.matterId(), department,
                    receipt.taskId(), receipt.outcome(), by);
        }
    }
}
