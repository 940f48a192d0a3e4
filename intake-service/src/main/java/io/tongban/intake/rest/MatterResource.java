package io.tongban.intake.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.catalogue.FormValidator;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.Topics;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.intake.config.IntakeConfig;
import io.tongban.intake.domain.Problem;
import io.tongban.intake.domain.Submission;
import io.tongban.intake.persistence.SubmittedMatter;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutboxRelay;
import io.tongban.messaging.OutgoingEvent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

@Path("/api/matters")
@Produces(MediaType.APPLICATION_JSON)
public class MatterResource {
    private static final Logger LOG = Logger.getLogger(MatterResource.class);
    /** Until identity lands (JWT), every request acts for this applicant. */
    static final String ANONYMOUS_APPLICANT = "anonymous";

    @Inject
    MatterCatalogue catalogue;

    @Inject
    FormValidator formValidator;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    IntakeConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a matter once", description = "Validates the form against the matter type, stores "
            + "the matter and publishes tongban.matter.submitted.v1 through the outbox. A retry with the same "
            + "Idempotency-Key and body returns the same matter; the same key with another body is a 409.")
    @APIResponse(responseCode = "202", description = "Accepted; Location is the matter's progress")
    @APIResponse(responseCode = "409", description = "Idempotency-Key reused with a different request")
    @APIResponse(responseCode = "422", description = "Unknown matter type or invalid form (problem JSON with field paths)")
    public Uni<Response> submit(
            @Parameter(description = "Makes retries safe: same key and body, same matter")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            SubmitMatterRequest request) {
        if (request == null) {
            throw Problem.invalid("a JSON body is required", List.of(new Problem.FieldError("$", "is required")));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw Problem.invalid("Idempotency-Key must have 1 to 200 characters",
                    List.of(new Problem.FieldError("Idempotency-Key", "1 to 200 characters")));
        }
        MatterDefinition definition = Submission.checkedDefinition(catalogue, formValidator,
                request.matterType(), request.form());
        String fingerprint = Submission.fingerprint(request.matterType(), request.form());
        String applicant = ANONYMOUS_APPLICANT;

        Uni<SubmittedMatter> existing = idempotencyKey == null
                ? Uni.createFrom().nullItem()
                : Panache.withSession(() -> SubmittedMatter.findByIdempotencyKey(applicant, idempotencyKey));
        return existing.chain(previous -> previous != null
                        ? Uni.createFrom().item(replay(previous, fingerprint))
                        : store(definition, applicant, idempotencyKey, fingerprint, request)
                        .invoke(relay::wake)
                        .onFailure(ConstraintViolationException.class).recoverWithUni(e ->
                                // a concurrent retry with the same key won the insert: answer as a retry
                                Panache.withSession(() -> SubmittedMatter.findByIdempotencyKey(applicant, idempotencyKey))
                                        .map(winner -> replay(winner, fingerprint))))
                .map(this::accepted);
    }

    @GET
    @Path("/{matterId}")
    @Operation(summary = "A submitted matter as intake holds it (its progress is on the status service)")
    public Uni<SubmittedMatterResponse> get(@PathParam("matterId") String matterId) {
        UUID id = parseId(matterId);
        return Panache.withSession(() -> SubmittedMatter.<SubmittedMatter>findById(id))
                .map(m -> {
                    if (m == null || !m.applicantId.equals(ANONYMOUS_APPLICANT)) {
                        throw Problem.notFound("no matter " + matterId);
                    }
                    return toResponse(m);
                });
    }

    private Uni<SubmittedMatter> store(MatterDefinition definition, String applicant, String idempotencyKey,
                                       String fingerprint, SubmitMatterRequest request) {
        SubmittedMatter matter = new SubmittedMatter();
        matter.id = UUID.randomUUID();
        matter.matterType = definition.id();
        matter.definitionVersion = definition.version();
        matter.applicantId = applicant;
        matter.form = request.form().toString();
        matter.state = "SUBMITTED";
        matter.idempotencyKey = idempotencyKey;
        matter.requestHash = fingerprint;
        matter.submittedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);

        MatterSubmitted event = new MatterSubmitted(matter.id.toString(), matter.matterType, matter.definitionVersion,
                applicant, json.convertValue(request.form(), new TypeReference<Map<String, Object>>() { }),
                List.of(), matter.submittedAt);
        return Panache.withTransaction(() -> matter.<SubmittedMatter>persist()
                        .call(() -> outbox.add(OutgoingEvent.of(Topics.MATTERS, event.matterId(), event, event.submittedAt()))))
                .invoke(() -> LOG.infof("matter %s submitted: %s v%d", matter.id, matter.matterType,
                        matter.definitionVersion));
    }

    private static SubmittedMatter replay(SubmittedMatter previous, String fingerprint) {
        if (!previous.requestHash.equals(fingerprint)) {
            throw Problem.conflict("Idempotency-Key was already used for a different request (matter "
                    + previous.id + ")");
        }
        return previous;
    }

    private Response accepted(SubmittedMatter matter) {
        SubmittedMatterResponse body = toResponse(matter);
        return Response.accepted(body).location(URI.create(body.progress())).build();
    }

    private SubmittedMatterResponse toResponse(SubmittedMatter m) {
        String progress = config.progressBaseUrl().replaceAll("/+$", "") + "/api/matters/" + m.id + "/progress";
        return new SubmittedMatterResponse(m.id.toString(), m.matterType, m.definitionVersion, m.state,
                m.submittedAt, progress);
    }

    static UUID parseId(String matterId) {
        try {
            return UUID.fromString(matterId);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("no matter " + matterId);
        }
    }

    static Instant now(Clock clock) {
        return clock.instant();
    }
}
