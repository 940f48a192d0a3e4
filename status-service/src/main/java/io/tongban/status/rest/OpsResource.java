package io.tongban.status.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.tongban.status.messaging.ConsumerLagMonitor;
import io.tongban.status.messaging.ProjectionRebuild;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/ops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
public class OpsResource {
    /** A matter whose view waits for a missing workflow event: events after the gap are held, not applied. */
    public record Gap(String matterId, long lastApplied, long missing, List<Long> held, Instant since) {
    }

    @Inject
    ConsumerLagMonitor lag;

    @GET
    @Path("/projection/gaps")
    @Operation(summary = "Matters whose progress view waits for a missing workflow event (a gap in the sequence): "
            + "the last applied sequence number, the missing one, and the events held until it arrives")
    public Uni<List<Gap>> gaps() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select h.matter_id, coalesce(m.last_sequence, 0),
                               string_agg(h.sequence::text, ',' order by h.sequence), min(h.held_at)
                        from held_event h left join matter_progress m on m.matter_id = h.matter_id
                        group by h.matter_id, m.last_sequence order by min(h.held_at)""", Object[].class)
                .getResultList()))
                .map(rows -> rows.stream().map(r -> {
                    long last = ((Number) r[1]).longValue();
                    List<Long> held = Arrays.stream(((String) r[2]).split(",")).map(Long::valueOf).toList();
                    return new Gap(r[0].toString(), last, last + 1, held, Timestamps.instant(r[3]));
                }).toList());
    }

    @Inject
    ProjectionRebuild rebuild;

    @POST
    @Path("/projection/rebuild")
    @Blocking
    @Operation(summary = "Empty the progress view and replay tongban.matters and tongban.workflow from the beginning "
            + "(live consumers keep running; the sequence rule makes both converge). 409 while one is running.")
    public ProjectionRebuild.Result rebuild() {
        try {
            return rebuild.rebuild();
        } catch (ProjectionRebuild.AlreadyRunning e) {
            throw Problems.problem(409, "Conflict", e.getMessage());
        }
    }

    @GET
    @Path("/consumer-lag")
    @Blocking
    @Operation(summary = "Every consumer group's lag per topic and partition (offsets and seconds) with a Burrow-style "
            + "status (group OK/WARN/ERR; partition OK/WARN/STALL/STOP/REWIND/NO_COMMITTED_OFFSET); refresh=true "
            + "samples now instead of returning the last scheduled sample")
    public ConsumerLagMonitor.LagReport consumerLag(@QueryParam("refresh") @DefaultValue("false") boolean refresh) {
        return refresh ? lag.sample() : lag.latest();
    }
}
