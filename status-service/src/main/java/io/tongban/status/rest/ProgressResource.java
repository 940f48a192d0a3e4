package io.tongban.status.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.status.persistence.MatterProgress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The applicant's own matters only: another applicant's matter is "not found" (its existence is not disclosed). */
@Path("/api/matters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("applicant")
public class ProgressResource {
    /** {@code handOffHash}: the evidence chain's hash of this hand-off (check it with the orchestrator's chain). */
    public record Disclosure(String department, String taskKey, String taskId, List<String> inputNames, Instant sentAt,
                             String handOffHash) {
    }

    @Inject
    JsonWebToken caller;

    @Inject
    ProgressViews views;

    @GET
    @Path("/{matterId}/progress")
    @Operation(summary = "One matter's progress: its state, each department task (what it waits for, remaining working "
            + "days), the timeline of every step, percent done and the expected completion date")
    public Uni<ProgressViews.Progress> progress(@PathParam("matterId") String matterId) {
        UUID id = Problems.matterId(matterId);
        return Panache.withSession(() -> owned(id, matterId).chain(views::load));
    }

    @GET
    @Path("/{matterId}/data-access")
    @Operation(summary = "Who saw my data: which department received which of my fields and materials (names, never "
            + "values), when, and for which task; each with the evidence chain's hash of that signed hand-off")
    public Uni<List<Disclosure>> dataAccess(@PathParam("matterId") String matterId) {
        UUID id = Problems.matterId(matterId);
        return Panache.withSession(() -> owned(id, matterId).chain(m -> Panache.getSession().chain(s -> s
                .createNativeQuery("""
                        select d.department, d.task_key, d.task_id, d.input_names, d.sent_at, h.hash
                        from data_disclosure d
                        left join hand_off_hash h on h.matter_id = d.matter_id and h.task_id = d.task_id
                        where d.matter_id = ?1 order by d.sequence""", Object[].class)
                .setParameter(1, id).getResultList())))
                .map(rows -> rows.stream().map(r -> new Disclosure((String) r[0], (String) r[1], (String) r[2],
                        ProgressViews.list((String) r[3]), Timestamps.instant(r[4]), (String) r[5])).toList());
    }

    Uni<MatterProgress> owned(UUID id, String matterId) {
        return MatterProgress.<MatterProgress>findById(id).map(matter -> {
            if (matter == null || !matter.applicantId.equals(caller.getSubject())) {
                throw Problems.notFound(matterId);
            }
            return matter;
        });
    }
}
