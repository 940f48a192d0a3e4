package io.tongban.status.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tongban.status.persistence.MatterProgress;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/applicants/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("applicant")
public class ApplicantResource {
    public record MatterSummary(String matterId, String matterType, String titleZh, String titleEn, String state,
                                Instant submittedAt, Instant finishedAt) {
    }

    public record MatterPage(int page, int size, long total, List<MatterSummary> items) {
    }

    @Inject
    JsonWebToken caller;

    @GET
    @Path("/matters")
    @Operation(summary = "The caller's matters, newest first, paged (page from 0), optionally only those in one state")
    public Uni<MatterPage> matters(@QueryParam("state") String state, @QueryParam("page") @DefaultValue("0") int page,
                                   @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > 100) {
            throw Problems.badRequest("page must be >= 0 and size between 1 and 100");
        }
        String applicant = caller.getSubject();
        String query = state == null ? "applicantId = ?1" : "applicantId = ?1 and state = ?2";
        Object[] params = state == null ? new Object[] {applicant} : new Object[] {applicant, state};
        return Panache.withSession(() -> {
            var found = MatterProgress.<MatterProgress>find(query, Sort.descending("submittedAt").and("matterId"), params)
                    .page(Page.of(page, size));
            return found.list().chain(rows -> found.count().map(total -> new MatterPage(page, size, total,
                    rows.stream().map(m -> new MatterSummary(m.matterId.toString(), m.matterType, m.titleZh, m.titleEn,
                            m.state, m.submittedAt, m.finishedAt)).toList())));
        });
    }
}
