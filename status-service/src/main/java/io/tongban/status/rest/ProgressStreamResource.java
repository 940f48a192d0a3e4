package io.tongban.status.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tongban.status.messaging.ProgressChanges;
import io.tongban.status.persistence.MatterProgress;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-Sent Events: the matter's full progress now, then again after every change. */
@Path("/api/matters")
@RolesAllowed("applicant")
public class ProgressStreamResource {
    @Inject
    JsonWebToken caller;

    @Inject
    ProgressViews views;

    @Inject
    ProgressChanges changes;

    @GET
    @Path("/{matterId}/progress/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Live progress of one of the caller's matters (text/event-stream): the current view first, "
            + "then the view after each change")
    public Multi<ProgressViews.Progress> stream(@PathParam("matterId") String matterId) {
        UUID id = Problems.matterId(matterId);
        String applicant = caller.getSubject();
        Executor onRequestContext = requestContext();
        // subscribe to changes together with the first snapshot, so nothing between the two is missed
        Multi<String> ticks = Multi.createBy().merging().streams(
                Multi.createFrom().item(matterId),
                changes.stream().filter(c -> matterId.equals(c.matterId()) && "progress".equals(c.kind()))
                        .map(ProgressChanges.Change::matterId));
        return ticks.emitOn(onRequestContext)
                .onItem().transformToUniAndConcatenate(tick -> load(id, matterId, applicant));
    }

    private Uni<ProgressViews.Progress> load(UUID id, String matterId, String applicant) {
        return Panache.withSession(() -> MatterProgress.<MatterProgress>findById(id).chain(matter -> {
            if (matter == null || !matter.applicantId.equals(applicant)) {
                throw Problems.notFound(matterId);
            }
            return views.load(matter);
        }));
    }

    /** Hibernate Reactive sessions belong to a Vert.x context: every reload runs on the request's. */
    private static Executor requestContext() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
