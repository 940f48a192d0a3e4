package io.tongban.gateway.messaging;

import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.gateway.persistence.Delivery;
import io.tongban.messaging.EventConsumer;
import io.tongban.messaging.IncomingEvent;
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
 * Takes each department task off its topic and records a delivery for it; the {@link DeliveryWorker}
 * carries it to the department's system. Recording is quick and bounded, so one slow department never
 * holds up another's topic: its deliveries simply wait in the table.
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
    Clock clock;

    @Incoming("department-tasks-in")
    public Uni<Void> onTask(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply).invoke(worker::wake);
    }

    private Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case EventTypes.DEPARTMENT_TASK_ASSIGNED -> record(event, event.dataAs(DepartmentTaskAssigned.class));
            case EventTypes.DEPARTMENT_TASK_CANCELLED -> cancel(event.dataAs(DepartmentTaskCancelled.class));
            default -> throw new PoisonEventException("not a department task event: " + event.type());
        };
    }

    private Uni<Void> record(IncomingEvent event, DepartmentTaskAssigned task) {
        if (!event.topic().isEmpty() && !event.topic().equals(io.tongban.contracts.Topics.tasksOf(task.department()))) {
            throw new PoisonEventException("task for " + task.department() + " arrived on " + event.topic());
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
            d.state = Delivery.PENDING;
            d.nextAttemptAt = now;
            d.createdAt = now;
            LOG.infof("matter %s: task %s for %s queued for delivery", task.matterId(), task.taskKey(), task.department());
            return d.persist().replaceWithVoid();
        });
    }

    private Uni<Void> cancel(DepartmentTaskCancelled cancelled) {
        return Delivery.<Delivery>findById(cancelled.taskId(), LockModeType.PESSIMISTIC_WRITE).invoke(d -> {
            if (d != null && (Delivery.PENDING.equals(d.state) || Delivery.FAILED.equals(d.state))) {
                d.state = Delivery.CANCELLED;
                LOG.infof("matter %s: delivery of %s cancelled before it reached %s", cancelled.matterId(),
                        cancelled.taskId(), cancelled.department());
            }
        }).replaceWithVoid();
    }

}
