package io.tongban.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.contracts.department.DepartmentTaskReceived;
import io.tongban.contracts.department.DepartmentTaskSupplemented;
import io.tongban.gateway.config.DepartmentMode;
import io.tongban.gateway.config.GatewayConfig;
import io.tongban.gateway.persistence.Delivery;
import io.tongban.messaging.EventConsumer;
import io.tongban.messaging.IncomingEvent;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutgoingEvent;
import io.tongban.messaging.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes each department task event off its topic and records it: a delivery for the {@link DeliveryWorker}
 * (HTTP departments) or an open task in the clerk work queue. Recording is quick and bounded, so one slow
 * department never holds up another's topic: its deliveries simply wait in the table. Departments in
 * {@code kafka} mode read their topic themselves and are left alone.
 */
@ApplicationScoped
public class DepartmentTasksHandler {
    private static final Logger LOG = Logger.getLogger(DepartmentTasksHandler.class);
    static final String CONSUMER = "department-gateway.tasks";

    @Inject
    EventConsumer consumer;

    @Inject
    DeliveryWorker worker;

    @Inject
    GatewayConfig config;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Incoming("department-tasks-in")
    public Uni<Void> onTask(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply).invoke(worker::wake);
    }

    private Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case EventTypes.DEPARTMENT_TASK_ASSIGNED -> record(event, event.dataAs(DepartmentTaskAssigned.class));
            case EventTypes.DEPARTMENT_TASK_CANCELLED -> cancel(event, event.dataAs(DepartmentTaskCancelled.class));
            case EventTypes.DEPARTMENT_TASK_SUPPLEMENTED -> supplement(event, event.dataAs(DepartmentTaskSupplemented.class));
            default -> throw new PoisonEventException("not a department task event: " + event.type());
        };
    }

    private Uni<Void> record(IncomingEvent event, DepartmentTaskAssigned task) {
        checkTopic(event, task.department());
        String mode = config.modeOf(task.department());
        if (DepartmentMode.KAFKA.equals(mode)) {
            return Uni.createFrom().voidItem();
        }
        return Delivery.<Delivery>findById(task.taskId()).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Delivery d = new Delivery();
            d.taskId = task.taskId();
            d.matterId = UUID.fromString(task.matterId());
            d.department = task.department();
            d.payload = event.json();
            d.nextAttemptAt = now;
            d.createdAt = now;
            if (DepartmentMode.CLERK.equals(mode)) {
                // the queue is the department's system: the task has arrived once it is in it
                d.state = Delivery.OPEN;
                d.deliveredAt = now;
                d.lastDeliveredAt = now;
                d.waitingSince = now;
                d.deliveries = 1;
                LOG.infof("matter %s: task %s for %s open in the clerk work queue", task.matterId(), task.taskKey(),
                        task.department());
                return d.persist().chain(() -> outbox.add(OutgoingEvent.of(Topics.resultsOf(task.department()),
                        task.matterId(), new DepartmentTaskReceived(task.taskId(), task.matterId(), task.department(), now), now)));
            }
            d.state = Delivery.PENDING;
            LOG.infof("matter %s: task %s for %s queued for delivery", task.matterId(), task.taskKey(), task.department());
            return d.persist().replaceWithVoid();
        });
    }

    private Uni<Void> supplement(IncomingEvent event, DepartmentTaskSupplemented supplemented) {
        checkTopic(event, supplemented.department());
        return Delivery.<Delivery>findById(supplemented.taskId(), LockModeType.PESSIMISTIC_WRITE).invoke(d -> {
            if (d == null || Delivery.ANSWERED.equals(d.state) || Delivery.CANCELLED.equals(d.state)) {
                return;
            }
            d.payload = withInputs(d.payload, supplemented);
            if (DepartmentMode.CLERK.equals(config.modeOf(d.department))) {
                d.state = Delivery.OPEN;
                // the queue waits on the clerks again: reconciliation counts from now
                d.lastDeliveredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
                d.waitingSince = d.lastDeliveredAt;
                d.stalledAt = null;
                LOG.infof("matter %s: task %s reopened in the clerk work queue with the supplement", supplemented.matterId(),
                        d.taskId);
            } else {
                requeue(d, Delivery.KIND_SUPPLEMENT, event.json());
                LOG.infof("matter %s: supplement for task %s queued for delivery to %s", supplemented.matterId(), d.taskId,
                        d.department);
            }
        }).replaceWithVoid();
    }

    private Uni<Void> cancel(IncomingEvent event, DepartmentTaskCancelled cancelled) {
        return Delivery.<Delivery>findById(cancelled.taskId(), LockModeType.PESSIMISTIC_WRITE).invoke(d -> {
            if (d == null || Delivery.ANSWERED.equals(d.state) || Delivery.CANCELLED.equals(d.state)) {
                return;
            }
            boolean reachedAnHttpSystem = DepartmentMode.HTTP.equals(config.modeOf(d.department))
                    && (d.deliveredAt != null || Delivery.SENDING.equals(d.state));
            if (reachedAnHttpSystem) {
                requeue(d, Delivery.KIND_CANCELLATION, event.json());
                LOG.infof("matter %s: cancellation of %s queued for delivery to %s", cancelled.matterId(), d.taskId,
                        d.department);
            } else {
                d.state = Delivery.CANCELLED;
                LOG.infof("matter %s: task %s cancelled before %s took it up", cancelled.matterId(), d.taskId, d.department);
            }
        }).replaceWithVoid();
    }

    private void requeue(Delivery d, String kind, String message) {
        d.kind = kind;
        d.message = message;
        d.state = Delivery.PENDING;
        d.attempts = 0;
        d.deliveries = 0;
        d.stalledAt = null;
        d.lastError = null;
        d.nextAttemptAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The recorded task with the supplemented inputs, so the clerk (or a redelivery) sees them as they are now. */
    private static String withInputs(String taskJson, DepartmentTaskSupplemented supplemented) {
        try {
            ObjectNode task = (ObjectNode) EventJson.mapper().readTree(taskJson);
            task.set("inputs", EventJson.mapper().valueToTree(supplemented.inputs()));
            return EventJson.mapper().writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded task is not JSON", e);
        }
    }

    private static void checkTopic(IncomingEvent event, String department) {
        if (!event.topic().isEmpty() && !event.topic().equals(Topics.tasksOf(department))) {
            throw new PoisonEventException("task event for " + department + " arrived on " + event.topic());
        }
    }
}
