package io.tongban.gateway.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.gateway.persistence.Delivery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Ops: the tasks a department left unanswered through every delivery (see {@code AnswerReconciliation}). */
@Path("/ops/stalled-tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
public class StalledTasksResource {
    private static final int PAGE = 500;
    private static final List<String> WAITING = List.of(Delivery.PENDING, Delivery.SENDING, Delivery.DELIVERED,
            Delivery.OPEN, Delivery.CLAIMED);

    /** No task content here: ids, the department and times are all an operator needs to chase it. */
    public record StalledTask(String taskId, String matterId, String department, String state, int deliveries,
                              Instant waitingSince, Instant stalledAt) {
    }

    @GET
    @Operation(summary = "Tasks stalled and still unanswered, oldest first (at most 500): the department, how often the "
            + "task was delivered, since when it waits")
    public Uni<List<StalledTask>> stalled() {
        return Panache.withSession(() -> Delivery.<Delivery>find("stalledAt is not null and state in ?1 order by stalledAt",
                        WAITING).page(0, PAGE).list())
                .map(list -> list.stream().map(d -> new StalledTask(d.taskId, d.matterId.toString(), d.department, d.state,
                        d.deliveries, d.waitingSince, d.stalledAt)).toList());
    }
}
