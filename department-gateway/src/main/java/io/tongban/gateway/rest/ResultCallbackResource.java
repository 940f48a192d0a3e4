package io.tongban.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.gateway.config.DepartmentSecrets;
import io.tongban.gateway.config.GatewayConfig;
import io.tongban.gateway.domain.CallbackSignature;
import io.tongban.gateway.domain.DepartmentAnswer;
import io.tongban.gateway.persistence.Delivery;
import io.tongban.messaging.OutboxRelay;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * Where HTTP department systems answer a task. Each callback is signed with the department's secret
 * (see {@link CallbackSignature}); a forged, stale or replayed callback is refused before anything is read.
 * The answer is recorded with the delivery and published on the department's result topic through the
 * outbox, in one transaction, which has committed before the department gets its 2xx.
 */
@Path("/api/departments/{department}/results")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ResultCallbackResource {
    private static final Logger LOG = Logger.getLogger(ResultCallbackResource.class);

    @Inject
    TaskAnswers answers;

    @Inject
    DepartmentSecrets secrets;

    @Inject
    GatewayConfig config;

    @Inject
    OutboxRelay relay;

    @Inject
    AnswerEvidence evidence;

    @Inject
    Clock clock;

    @POST
    @Operation(summary = "A department's signed answer to one task: completed (with outputs), rejected (with a reason) "
            + "or supplement-needed (with items)")
    @APIResponse(responseCode = "200", description = "Recorded and durable (or already recorded the same way: a repeat "
            + "changes nothing). Anything but 2xx means not recorded: send it again with back-off")
    @APIResponse(responseCode = "401", description = "Missing or wrong signature (HMAC, or the department's Ed25519 evidence "
            + "signature X-Tongban-Evidence-Signature), timestamp outside the window, or a replayed request id")
    @APIResponse(responseCode = "404", description = "No such task for this department")
    @APIResponse(responseCode = "409", description = "The task was already answered differently (the problem names the "
            + "recorded answer and its time: recordedOutcome, recordedAt), or was cancelled")
    @APIResponse(responseCode = "422", description = "Malformed answer")
    public Uni<Response> answer(@PathParam("department") String department,
                                @HeaderParam(CallbackSignature.TIMESTAMP) String timestamp,
                                @HeaderParam(CallbackSignature.REQUEST_ID) String requestId,
                                @HeaderParam(CallbackSignature.SIGNATURE) String signature,
                                @HeaderParam(EvidenceHeaders.HTTP_SIGNATURE) String evidenceSignature,
                                String body) {
        Instant now = clock.instant();
        CallbackSignature.problemWith(secrets.of(department), timestamp, requestId, signature, body == null ? "" : body, now,
                config.callback().window()).ifPresent(problem -> {
            LOG.warnf("callback for %s refused: %s", department, problem);
            throw Problems.unauthorized(problem);
        });
        DepartmentAnswer answer = parse(body);
        Problems.requireValid(answer);
        return Panache.withTransaction(() -> firstUse(department, requestId, now)
                        .chain(() -> Delivery.<Delivery>findById(answer.taskId(), LockModeType.PESSIMISTIC_WRITE))
                        .chain(delivery -> {
                            if (delivery == null || !delivery.department.equals(department)) {
                                throw Problems.notFound("no task " + answer.taskId() + " for department " + department);
                            }
                            String matterId = delivery.matterId.toString();
                            evidence.problemWith(department, matterId, answer, evidenceSignature).ifPresent(problem -> {
                                LOG.warnf("matter %s: callback for %s refused: %s", matterId, department, problem);
                                throw Problems.unauthorized(problem);
                            });
                            return answers.record(delivery, answer, evidenceSignature);
                        }))
                // Panache.withTransaction completes after the commit: the 200 below means the answer is durable
                .invoke(receipt -> TaskAnswers.logRecorded(receipt, department, "its system"))
                .invoke(relay::wake)
                .map(receipt -> Response.ok(receipt).build());
    }

    /** Remembers the request id; one already seen (within the window, after which it is pruned) is a replay. */
    private Uni<Void> firstUse(String department, String requestId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into seen_callback (department, request_id, seen_at) values (?1, ?2, ?3)
                                on conflict do nothing""")
                        .setParameter(1, department)
                        .setParameter(2, requestId)
                        .setParameter(3, now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .invoke(inserted -> {
                    if (inserted == 0) {
                        LOG.warnf("callback for %s refused: request id replayed", department);
                        throw Problems.unauthorized("request id already used");
                    }
                })
                .replaceWithVoid();
    }

    private static DepartmentAnswer parse(String body) {
        try {
            return body == null || body.isBlank() ? null : EventJson.mapper().readValue(body, DepartmentAnswer.class);
        } catch (JsonProcessingException e) {
            throw Problems.problem(422, "validation", "the answer is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
