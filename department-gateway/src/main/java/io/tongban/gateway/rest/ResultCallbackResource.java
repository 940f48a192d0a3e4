package io.tongban.gateway.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import io.tongban.contracts.department.DepartmentTaskRejected;
import io.tongban.gateway.domain.DepartmentAnswer;
import io.tongban.gateway.persistence.Delivery;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutboxRelay;
import io.tongban.messaging.OutgoingEvent;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * Where HTTP department systems answer a task. The answer is recorded with the delivery and published
 * on the department's result topic through the outbox, in one transaction. Answering twice the same way
 * is harmless; answering differently is a conflict.
 */
@Path("/api/departments/{department}/results")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ResultCallbackResource {
    private static final Logger LOG = Logger.getLogger(ResultCallbackResource.class);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    public record Receipt(String taskId, String outcome, String state) {
    }

    @POST
    @Operation(summary = "A department's answer to one task: completed (with outputs) or rejected (with a reason)")
    @APIResponse(responseCode = "200", description = "Recorded (or already recorded the same way)")
    @APIResponse(responseCode = "404", description = "No such task for this department")
    @APIResponse(responseCode = "409", description = "The task was already answered differently, or is no longer open")
    @APIResponse(responseCode = "422", description = "Malformed answer")
    public Uni<Response> answer(@PathParam("department") String department, DepartmentAnswer answer) {
        Problems.requireValid(answer);
        return Panache.withTransaction(() -> Delivery.<Delivery>findById(answer.taskId(), LockModeType.PESSIMISTIC_WRITE)
                        .chain(delivery -> record(department, delivery, answer)))
                .invoke(relay::wake)
                .map(receipt -> Response.ok(receipt).build());
    }

    private Uni<Receipt> record(String department, Delivery delivery, DepartmentAnswer answer) {
        if (delivery == null || !delivery.department.equals(department)) {
            throw Problems.notFound("no task " + answer.taskId() + " for department " + department);
        }
        if (Delivery.ANSWERED.equals(delivery.state)) {
            if (answer.outcome().equals(delivery.outcome)) {
                return Uni.createFrom().item(new Receipt(delivery.taskId, delivery.outcome, delivery.state));
            }
            throw Problems.conflict("task " + delivery.taskId + " was already answered " + delivery.outcome);
        }
        if (Delivery.CANCELLED.equals(delivery.state)) {
            throw Problems.conflict("task " + delivery.taskId + " was cancelled");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String matterId = delivery.matterId.toString();
        Object event = DepartmentAnswer.COMPLETED.equals(answer.outcome())
                ? new DepartmentTaskCompleted(delivery.taskId, matterId, department,
                answer.outputs() == null ? Map.of() : answer.outputs(), now)
                : new DepartmentTaskRejected(delivery.taskId, matterId, department, answer.reason(), now);
        delivery.state = Delivery.ANSWERED;
        delivery.outcome = answer.outcome();
        delivery.answeredAt = now;
        LOG.infof("matter %s: %s answered task %s: %s", matterId, department, delivery.taskId, answer.outcome());
        return outbox.add(OutgoingEvent.of(Topics.resultsOf(department), matterId, event, now))
                .replaceWith(new Receipt(delivery.taskId, delivery.outcome, delivery.state));
    }

    static List<String> outcomes() {
        return List.of(DepartmentAnswer.COMPLETED, DepartmentAnswer.REJECTED);
    }
}
