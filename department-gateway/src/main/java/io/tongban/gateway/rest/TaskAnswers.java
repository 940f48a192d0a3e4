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
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * Records a department's answer (from its system's callback or from a clerk) with the task and puts the
 * result event in the outbox, in the caller's transaction. Answering twice the same way is harmless;
 * answering differently after a final answer is a conflict.
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

    public record Receipt(String taskId, String outcome, String state) {
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
        if (Delivery.ANSWERED.equals(delivery.state)) {
            if (answer.outcome().equals(delivery.outcome)) {
                return Uni.createFrom().item(receiptOf(delivery));
            }
            throw Problems.conflict("task " + delivery.taskId + " was already answered " + delivery.outcome);
        }
        if (Delivery.CANCELLED.equals(delivery.state)) {
            throw Problems.conflict("task " + delivery.taskId + " was cancelled");
        }
        if (Delivery.AWAITING_SUPPLEMENT.equals(delivery.state) && !answer.closesTheTask()) {
            return Uni.createFrom().item(receiptOf(delivery));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String matterId = delivery.matterId.toString();
        delivery.state = answer.closesTheTask() ? Delivery.ANSWERED : Delivery.AWAITING_SUPPLEMENT;
        delivery.outcome = answer.outcome();
        delivery.answeredAt = now;
        LOG.infof("matter %s: %s answered task %s: %s", matterId, delivery.department, delivery.taskId, answer.outcome());
        Object result = answer.toEvent(matterId, delivery.department, now);
        OutgoingEvent event = sign.apply(OutgoingEvent.of(Topics.resultsOf(delivery.department), matterId, result, now));
        return outbox.add(event).replaceWith(receiptOf(delivery));
    }

    private static Receipt receiptOf(Delivery delivery) {
        return new Receipt(delivery.taskId, delivery.outcome, delivery.state);
    }
}
