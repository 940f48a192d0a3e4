package io.tongban.intake.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.catalogue.FormValidator;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.Topics;
import io.tongban.contracts.matters.MatterRated;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.matters.MatterSupplementProvided;
import io.tongban.contracts.matters.MatterWithdrawn;
import io.tongban.intake.config.IntakeConfig;
import io.tongban.intake.domain.MatterStates;
import io.tongban.intake.domain.Materials;
import io.tongban.intake.domain.PersonalNumbers;
import io.tongban.intake.domain.Problem;
import io.tongban.intake.domain.Submission;
import io.tongban.intake.domain.Supplements;
import io.tongban.intake.persistence.MatterMaterial;
import io.tongban.intake.persistence.MatterRating;
import io.tongban.intake.persistence.RequestedSupplement;
import io.tongban.intake.persistence.SubmittedMatter;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutboxRelay;
import io.tongban.messaging.OutgoingEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The applicant's matters: submit once (JSON, or multipart with materials), list, look at, supplement (补正),
 * withdraw, rate (好差评). {@code sub} of the bearer token is the applicant; another applicant's matter is
 * answered with 404, exactly as a matter that does not exist.
 */
@Path("/api/matters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("applicant")
@SecurityRequirement(name = "jwt")
public class MatterResource {
    private static final Logger LOG = Logger.getLogger(MatterResource.class);
    static final String SUBMIT_EXAMPLE = """
            {"matterType":"newborn","form":{"child":{"name":"王小明","sex":"male","birthDate":"2026-11-20"},\
            "hospital":"市第一人民医院","mother":{"name":"李芳","idCard":"11010519491231002X"},\
            "father":{"name":"王强","idCard":"110105194912310038"},"householdAddress":"北京市朝阳区建国路1号"}}""";

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

    @Inject
    JsonWebToken jwt;

    // ---- submit once ---------------------------------------------------------------------------------------

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a matter once (no files)", description = "Validates the form against the matter "
            + "type's JSON Schema and its personal numbers, stores the matter and publishes "
            + "tongban.matter.submitted.v1 through the outbox. A retry with the same Idempotency-Key and body returns "
            + "the same matter; the same key with another body is a 409.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "newborn", value = SUBMIT_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "Accepted; Location is the matter's progress")
    @APIResponse(responseCode = "400", description = "Malformed or hostile JSON (problem JSON)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "409", description = "Idempotency-Key reused with a different request")
    @APIResponse(responseCode = "422", description = "Unknown matter type, invalid form or personal number "
            + "(problem JSON with field paths)")
    public Uni<Response> submit(
            @Parameter(description = "Makes retries safe: same key and body, same matter")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            SubmitMatterRequest request) {
        if (request == null) {
            throw Problem.invalid("a JSON body is required", List.of(new Problem.FieldError("$", "is required")));
        }
        return submit(idempotencyKey, request, List.of());
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Submit a matter once, with its materials", description = "Part 'matter': the JSON of a "
            + "submission (matterType, form). Every other part is a file named after the material it is "
            + "(e.g. 'householdBooklet'); its content type must be one the material accepts and match the "
            + "file's content. Files are stored with their SHA-256; the event carries only a reference and the hash.")
    @APIResponse(responseCode = "202", description = "Accepted; Location is the matter's progress")
    @APIResponse(responseCode = "413", description = "A file or all files together are too large")
    @APIResponse(responseCode = "415", description = "A file's type is not accepted for its material")
    @APIResponse(responseCode = "422", description = "Invalid form, unknown or missing material")
    public Uni<Response> submitWithMaterials(
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @RestForm("matter") String matter,
            @RestForm(FileUpload.ALL) List<FileUpload> files) {
        String body = Uploads.jsonPart(matter, files, "matter", true);
        SubmitMatterRequest request = parse(body, "matter", SubmitMatterRequest.class);
        return submit(idempotencyKey, request, Uploads.read(files, "matter", limits()));
    }

    private Uni<Response> submit(String idempotencyKey, SubmitMatterRequest request, List<Materials.Upload> uploads) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw Problem.invalid("Idempotency-Key must have 1 to 200 characters",
                    List.of(new Problem.FieldError("Idempotency-Key", "1 to 200 characters")));
        }
        MatterDefinition definition = Submission.checkedDefinition(catalogue, formValidator,
                request.matterType(), request.form());
        Materials.check(definition, uploads, null, true, limits());
        String fingerprint = Submission.fingerprint(request.matterType(), request.form(),
                uploads.stream().map(u -> u.name() + "=" + u.sha256()).toList());
        String applicant = applicant();

        Uni<SubmittedMatter> existing = idempotencyKey == null
                ? Uni.createFrom().nullItem()
                : Panache.withSession(() -> SubmittedMatter.findByIdempotencyKey(applicant, idempotencyKey));
        return existing.chain(previous -> previous != null
                        ? Uni.createFrom().item(replay(previous, fingerprint))
                        : store(definition, applicant, idempotencyKey, fingerprint, request, uploads)
                        .invoke(relay::wake)
                        .onFailure(ConstraintViolationException.class).recoverWithUni(e ->
                                // a concurrent retry with the same key won the insert: answer as a retry
                                Panache.withSession(() -> SubmittedMatter.findByIdempotencyKey(applicant, idempotencyKey))
                                        .map(winner -> replay(winner, fingerprint))))
                .map(this::accepted);
    }

    private Uni<SubmittedMatter> store(MatterDefinition definition, String applicant, String idempotencyKey,
                                       String fingerprint, SubmitMatterRequest request, List<Materials.Upload> uploads) {
        SubmittedMatter matter = new SubmittedMatter();
        matter.id = UUID.randomUUID();
        matter.matterType = definition.id();
        matter.definitionVersion = definition.version();
        matter.applicantId = applicant;
        matter.form = request.form().toString();
        matter.state = MatterStates.SUBMITTED;
        matter.idempotencyKey = idempotencyKey;
        matter.requestHash = fingerprint;
        matter.submittedAt = now();

        List<MatterMaterial> materials = uploads.stream().map(u -> material(matter.id, u, matter.submittedAt)).toList();
        // the whole form goes out: the orchestrator hands ID numbers to the departments whose tasks declare them
        MatterSubmitted event = new MatterSubmitted(matter.id.toString(), matter.matterType, matter.definitionVersion,
                applicant, asMap(request.form()), references(matter.id, materials), matter.submittedAt);
        return Panache.withTransaction(() -> matter.<SubmittedMatter>persist()
                        .call(() -> persistAll(materials))
                        .call(() -> outbox.add(OutgoingEvent.of(Topics.MATTERS, event.matterId(), event, event.submittedAt()))))
                .invoke(() -> LOG.infof("matter %s submitted: %s v%d, %d material(s)", matter.id, matter.matterType,
                        matter.definitionVersion, materials.size()));
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

    // ---- my matters ----------------------------------------------------------------------------------------

    @GET
    @Operation(summary = "My matters, newest first, paged", description = "Personal numbers in the forms are masked.")
    public Uni<Views.MatterPage> mine(
            @Parameter(description = "0-based page") @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "1 to 100 matters per page") @QueryParam("size") @DefaultValue("20") int size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new Problem.FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > 100) {
            errors.add(new Problem.FieldError("size", "must be between 1 and 100"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("invalid paging", errors);
        }
        String applicant = applicant();
        return Panache.withSession(() -> SubmittedMatter.pageOf(applicant, page, size)
                .chain(matters -> SubmittedMatter.countOf(applicant)
                        .map(total -> new Views.MatterPage(matters.stream().map(this::listItem).toList(),
                                page, size, total))));
    }

    @GET
    @Path("/{matterId}")
    @Operation(summary = "One of my matters as intake holds it: masked form, materials, open supplement requests, "
            + "rating (its progress is on the status service)")
    @APIResponse(responseCode = "404", description = "No such matter, or not yours")
    public Uni<Views.MatterView> get(@PathParam("matterId") String matterId) {
        UUID id = parseId(matterId);
        String applicant = applicant();
        return Panache.withSession(() -> SubmittedMatter.findOwned(id, applicant)
                .chain(m -> {
                    if (m == null) {
                        throw Problem.notFound("no matter " + matterId);
                    }
                    return MatterMaterial.summariesOf(id)
                            .chain(materials -> RequestedSupplement.openFor(id)
                                    .chain(open -> MatterRating.<MatterRating>findById(id)
                                            .map(rating -> view(m, materials, open, rating))));
                }));
    }

    // ---- 补正 supplement -----------------------------------------------------------------------------------

    @POST
    @Path("/{matterId}/supplements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a supplement request (补正) with the fields asked for",
            description = "Only what the open supplement requests name is accepted; the merged form must still be "
                    + "valid. Publishes tongban.matter.supplement-provided.v1 with the supplied fields only.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "phone", value = "{\"form\":{\"father\":{\"phone\":\"13812345678\"}}}")))
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "409", description = "Nothing was asked for, or the matter has finished")
    @APIResponse(responseCode = "422", description = "A field or material that was not asked for, or an invalid value")
    public Uni<Response> supplement(@PathParam("matterId") String matterId, Requests.Supplement request) {
        JsonNode form = request == null ? null : request.form();
        return supplement(matterId, form, List.of());
    }

    @POST
    @Path("/{matterId}/supplements")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Answer a supplement request (补正) with files (and fields)",
            description = "Optional part 'supplement' (JSON {\"form\": {…}}); every other part is a file named after "
                    + "the material asked for.")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "413", description = "A file or all files together are too large")
    @APIResponse(responseCode = "415", description = "A file's type is not accepted for its material")
    public Uni<Response> supplementWithMaterials(@PathParam("matterId") String matterId,
                                                 @RestForm("supplement") String supplement,
                                                 @RestForm(FileUpload.ALL) List<FileUpload> files) {
        String body = Uploads.jsonPart(supplement, files, "supplement", false);
        JsonNode form = body == null ? null : parse(body, "supplement", Requests.Supplement.class).form();
        return supplement(matterId, form, Uploads.read(files, "supplement", limits()));
    }

    private Uni<Response> supplement(String matterId, JsonNode suppliedForm, List<Materials.Upload> uploads) {
        UUID id = parseId(matterId);
        String applicant = applicant();
        if (suppliedForm != null && !suppliedForm.isObject()) {
            throw Problem.invalid("form must be an object", List.of(new Problem.FieldError("$.form", "must be an object")));
        }
        JsonNode supplied = suppliedForm == null ? json.createObjectNode() : suppliedForm;
        if (supplied.isEmpty() && uploads.isEmpty()) {
            throw Problem.invalid("a supplement needs at least one field or material",
                    List.of(new Problem.FieldError("$.form", "is empty and no file was given")));
        }
        return Panache.withTransaction(() -> SubmittedMatter.findOwned(id, applicant).chain(matter -> {
                    if (matter == null) {
                        throw Problem.notFound("no matter " + matterId);
                    }
                    MatterStates.checkCanSupplement(matterId, matter.state);
                    return RequestedSupplement.openFor(id).chain(open -> applySupplement(matter, open, supplied, uploads));
                }))
                .invoke(relay::wake)
                .map(matter -> Response.accepted(toResponse(matter)).build());
    }

    private Uni<SubmittedMatter> applySupplement(SubmittedMatter matter, List<RequestedSupplement> open,
                                                 JsonNode supplied, List<Materials.Upload> uploads) {
        if (open.isEmpty()) {
            throw Problem.conflict("no supplement was requested for matter " + matter.id);
        }
        Set<String> fields = new LinkedHashSet<>();
        Set<String> materialNames = new HashSet<>();
        for (RequestedSupplement item : open) {
            (RequestedSupplement.MATERIAL.equals(item.kind) ? materialNames : fields).add(item.name);
        }
        Supplements.checkOnlyRequested(supplied, fields);
        MatterDefinition definition = catalogue.find(matter.matterType, matter.definitionVersion)
                .orElseThrow(() -> new IllegalStateException("definition " + matter.matterType + " v"
                        + matter.definitionVersion + " is no longer in the catalogue"));
        Materials.check(definition, uploads, materialNames, false, limits());
        ObjectNode merged = Supplements.merged(readTree(matter.form), supplied);
        List<Problem.FieldError> errors = new ArrayList<>(formValidator.validate(definition, merged).stream()
                .map(v -> new Problem.FieldError(v.path().replaceFirst("^\\$", "\\$.form"), v.message())).toList());
        errors.addAll(PersonalNumbers.check(merged, "$.form"));
        if (!errors.isEmpty()) {
            throw Problem.invalid("with the supplement the form is not valid", errors);
        }

        Instant at = now();
        Set<String> answered = new HashSet<>();
        for (String leaf : Supplements.leafPaths(supplied)) {
            answered.add(Supplements.requestedFieldFor(leaf, fields));
        }
        List<MatterMaterial> materials = uploads.stream().map(u -> material(matter.id, u, at)).toList();
        matter.form = merged.toString();
        MatterSupplementProvided event = new MatterSupplementProvided(matter.id.toString(), matter.applicantId,
                asMap(supplied), references(matter.id, materials), at);

        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MatterMaterial material : materials) {
            // a 补正 may replace a material handed in before
            chain = chain.chain(() -> MatterMaterial.delete("matterId = ?1 and name = ?2", material.matterId,
                    material.name).replaceWithVoid());
        }
        for (RequestedSupplement item : open) {
            boolean done = RequestedSupplement.MATERIAL.equals(item.kind)
                    ? materials.stream().anyMatch(m -> m.name.equals(item.name)) : answered.contains(item.name);
            if (done) {
                chain = chain.chain(() -> item.delete());
            }
        }
        return chain.chain(() -> persistAll(materials))
                .chain(() -> outbox.add(OutgoingEvent.of(Topics.MATTERS, event.matterId(), event, at)))
                .invoke(() -> LOG.infof("matter %s: supplement provided (%d field(s), %d material(s))", matter.id,
                        answered.size(), materials.size()))
                .replaceWith(matter);
    }

    // ---- withdraw ------------------------------------------------------------------------------------------

    @POST
    @Path("/{matterId}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Withdraw a matter that has not finished",
            description = "Publishes tongban.matter.withdrawn.v1; the orchestrator cancels the open department tasks.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "reason", value = "{\"reason\":\"submitted twice\"}")))
    @APIResponse(responseCode = "202", description = "Withdrawn")
    @APIResponse(responseCode = "409", description = "The matter has finished (or was withdrawn already)")
    public Uni<Response> withdraw(@PathParam("matterId") String matterId, Requests.Withdrawal request) {
        UUID id = parseId(matterId);
        String applicant = applicant();
        String reason = request == null ? null : request.reason();
        if (reason != null && reason.length() > 500) {
            throw Problem.invalid("reason is too long", List.of(new Problem.FieldError("$.reason", "at most 500 characters")));
        }
        return Panache.withTransaction(() -> SubmittedMatter.findOwned(id, applicant).chain(matter -> {
                    if (matter == null) {
                        throw Problem.notFound("no matter " + matterId);
                    }
                    MatterStates.checkCanWithdraw(matterId, matter.state);
                    Instant at = now();
                    matter.state = MatterStates.WITHDRAWN;
                    matter.finishedAt = at;
                    MatterWithdrawn event = new MatterWithdrawn(matterId, applicant, reason, at);
                    return RequestedSupplement.delete("matterId", id)
                            .chain(() -> outbox.add(OutgoingEvent.of(Topics.MATTERS, matterId, event, at)))
                            .invoke(() -> LOG.infof("matter %s withdrawn", matterId))
                            .replaceWith(matter);
                }))
                .invoke(relay::wake)
                .map(matter -> Response.accepted(toResponse(matter)).build());
    }

    // ---- 好差评 rate ---------------------------------------------------------------------------------------

    @POST
    @Path("/{matterId}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate a decided matter (好差评), once",
            description = "Grades 1 and 2 are bad ratings the service must follow up. Publishes tongban.matter.rated.v1.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "good", value = "{\"grade\":5,\"comment\":\"快，一次都没跑\"}")))
    @APIResponse(responseCode = "201", description = "Rated")
    @APIResponse(responseCode = "409", description = "Not decided yet, or rated already")
    @APIResponse(responseCode = "422", description = "Grade not 1-5 or comment too long")
    public Uni<Response> rate(@PathParam("matterId") String matterId, Requests.Rating request) {
        UUID id = parseId(matterId);
        String applicant = applicant();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request == null || request.grade() == null || request.grade() < 1 || request.grade() > 5) {
            errors.add(new Problem.FieldError("$.grade", "is required, 1 to 5"));
        }
        if (request != null && request.comment() != null && request.comment().length() > 500) {
            errors.add(new Problem.FieldError("$.comment", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("the rating is not valid", errors);
        }
        return Panache.withTransaction(() -> SubmittedMatter.findOwned(id, applicant).chain(matter -> {
                    if (matter == null) {
                        throw Problem.notFound("no matter " + matterId);
                    }
                    MatterStates.checkCanRate(matterId, matter.state);
                    return MatterRating.<MatterRating>findById(id).chain(existing -> {
                        if (existing != null) {
                            throw Problem.conflict("matter " + matterId + " was rated already");
                        }
                        MatterRating rating = new MatterRating();
                        rating.matterId = id;
                        rating.grade = request.grade();
                        rating.comment = request.comment();
                        rating.ratedAt = now();
                        MatterRated event = new MatterRated(matterId, applicant, rating.grade, rating.comment,
                                rating.ratedAt);
                        return rating.<MatterRating>persist()
                                .call(() -> outbox.add(OutgoingEvent.of(Topics.MATTERS, matterId, event, rating.ratedAt)))
                                .invoke(() -> LOG.infof("matter %s rated %d", matterId, rating.grade));
                    });
                }))
                .onFailure(ConstraintViolationException.class)
                .transform(e -> Problem.conflict("matter " + matterId + " was rated already"))
                .invoke(relay::wake)
                .map(r -> Response.status(201).entity(new Views.RatingView(r.grade, r.comment, r.ratedAt)).build());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Uni<Void> persistAll(List<MatterMaterial> materials) {
        return materials.isEmpty() ? Uni.createFrom().voidItem() : MatterMaterial.persist(materials);
    }

    private String applicant() {
        return jwt.getSubject();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Materials.Limits limits() {
        return new Materials.Limits(config.maxMaterialBytes(), config.maxMatterBytes());
    }

    private <T> T parse(String body, String part, Class<T> type) {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw Problem.invalid("the '" + part + "' part is empty", List.of(new Problem.FieldError(part, "is required")));
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedPartException(part, e);
        }
    }

    private JsonNode readTree(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored form is not JSON", e);
        }
    }

    private Map<String, Object> asMap(JsonNode form) {
        return json.convertValue(form, new TypeReference<Map<String, Object>>() { });
    }

    private static MatterMaterial material(UUID matterId, Materials.Upload upload, Instant at) {
        MatterMaterial material = new MatterMaterial();
        material.matterId = matterId;
        material.name = upload.name();
        material.fileName = upload.fileName();
        material.contentType = Materials.baseType(upload.contentType());
        material.size = upload.size();
        material.sha256 = upload.sha256();
        material.content = upload.content();
        material.uploadedAt = at;
        return material;
    }

    private static List<MatterSubmitted.MaterialReference> references(UUID matterId, List<MatterMaterial> materials) {
        return materials.stream().map(m -> new MatterSubmitted.MaterialReference(m.name,
                Materials.reference(matterId.toString(), m.name), m.sha256, m.contentType, m.size)).toList();
    }

    private SubmittedMatterResponse toResponse(SubmittedMatter m) {
        return new SubmittedMatterResponse(m.id.toString(), m.matterType, m.definitionVersion, m.state,
                m.submittedAt, progressOf(m));
    }

    private String progressOf(SubmittedMatter m) {
        return config.progressBaseUrl().replaceAll("/+$", "") + "/api/matters/" + m.id + "/progress";
    }

    private Views.MatterListItem listItem(SubmittedMatter m) {
        MatterDefinition d = catalogue.find(m.matterType, m.definitionVersion).orElse(null);
        return new Views.MatterListItem(m.id.toString(), m.matterType, d == null ? null : d.title().zh(),
                d == null ? null : d.title().en(), m.definitionVersion, m.state, m.submittedAt, progressOf(m),
                PersonalNumbers.masked(readTree(m.form)));
    }

    private Views.MatterView view(SubmittedMatter m, List<MatterMaterial.Summary> materials,
                                  List<RequestedSupplement> open, MatterRating rating) {
        return new Views.MatterView(m.id.toString(), m.matterType, m.definitionVersion, m.state, m.submittedAt,
                m.finishedAt, progressOf(m), PersonalNumbers.masked(readTree(m.form)),
                materials.stream().map(s -> new Views.MaterialView(s.name(), s.contentType(), s.size(), s.sha256(),
                        Materials.reference(m.id.toString(), s.name()))).toList(),
                open.stream().map(o -> new Views.SupplementRequestView(o.kind, o.name, o.reason, o.requestedAt)).toList(),
                rating == null ? null : new Views.RatingView(rating.grade, rating.comment, rating.ratedAt));
    }

    static UUID parseId(String matterId) {
        try {
            return UUID.fromString(matterId);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("no matter " + matterId);
        }
    }

    /** A multipart JSON part that does not parse: a 400 naming the part. */
    static class MalformedPartException extends RuntimeException {
        final String part;

        MalformedPartException(String part, JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause);
            this.part = part;
        }
    }
}
