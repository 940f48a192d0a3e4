package io.tongban.status.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tongban.status.messaging.ProgressChanges;
import io.tongban.status.messaging.Suggestions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** 免申即享: what the platform suggests to the caller next, and whether it may. */
@Path("/api/applicants/me")
@RolesAllowed("applicant")
public class SuggestionResource {
    public record Settings(boolean enabled) {
    }

    /** One pushed item on the applicant's live stream. */
    public record Pushed(String kind, String matterId, Object payload) {
    }

    @Inject
    JsonWebToken caller;

    @Inject
    ProgressChanges changes;

    @Inject
    Clock clock;

    @GET
    @Path("/suggestions")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Matters suggested to the caller, newest first, each with why and a pre-filled form; empty "
            + "when the caller turned suggestions off")
    public Uni<List<Suggestions.View>> suggestions() {
        String applicant = caller.getSubject();
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        select id, matter_type, title_zh, title_en, basis, reason_zh, reason_en, prefill, available_from,
                               source_matter_id
                        from suggestion
                        where applicant_id = ?1 and available_from <= ?2
                          and not exists (select 1 from suggestion_setting t where t.applicant_id = ?1 and not t.enabled)
                        order by available_from desc, matter_type""", Object[].class)
                .setParameter(1, applicant).setParameter(2, clock.instant()).getResultList()))
                .map(rows -> rows.stream().map(Suggestions::view).toList());
    }

    @GET
    @Path("/suggestion-settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Settings> settings() {
        String applicant = caller.getSubject();
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "select enabled from suggestion_setting where applicant_id = ?1", Boolean.class)
                .setParameter(1, applicant).getResultList()))
                .map(rows -> new Settings(rows.isEmpty() || rows.get(0)));
    }

    @PUT
    @Path("/suggestion-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn suggestions on or off ({\"enabled\": false}); off hides them and stops pushing them")
    public Uni<Settings> changeSettings(Settings settings) {
        if (settings == null) {
            throw Problems.badRequest("body {\"enabled\": true|false} is required");
        }
        String applicant = caller.getSubject();
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into suggestion_setting (applicant_id, enabled) values (?1, ?2)
                        on conflict (applicant_id) do update set enabled = excluded.enabled""")
                .setParameter(1, applicant).setParameter(2, settings.enabled()).executeUpdate()))
                .replaceWith(settings);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's live stream (text/event-stream): each change of one of their matters "
            + "(kind progress: state and sequence) and suggestions as they are made or, when made for later, as they "
            + "come due (kind suggestion)")
    public Multi<Pushed> stream() {
        String applicant = caller.getSubject();
        return changes.stream().filter(c -> applicant.equals(c.applicantId()))
                .map(c -> new Pushed(c.kind(), c.matterId(), c.payload()));
    }
}
