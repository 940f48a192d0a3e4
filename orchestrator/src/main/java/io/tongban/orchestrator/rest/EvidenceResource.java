package io.tongban.orchestrator.rest;

import io.smallrye.mutiny.Uni;
import io.tongban.orchestrator.messaging.HandOffEvidence;
import io.tongban.orchestrator.persistence.HandOffChain;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

/**
 * For operators: a matter's evidence chain (every signed hand-off to and from departments) and whether it
 * verifies; the first hand-off that does not is named with the reason. {@code deploy/local/tongban verify}
 * calls this.
 */
@Path("/ops/matters/{matterId}/evidence")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {
    private static final Logger LOG = Logger.getLogger(EvidenceResource.class);

    @Inject
    HandOffEvidence evidence;

    public record Entry(long seq, String eventId, String kind, String type, String taskId, String department, String signer,
                        String prevHash, String hash, Instant recordedAt) {
    }

    public record Break(long seq, String eventId, String reason) {
    }

    public record Report(String matterId, boolean verified, int handOffs, Break firstBreak, List<Entry> entries) {
    }

    @GET
    @RolesAllowed("ops")
    @Operation(summary = "Verify a matter's chain of signed hand-offs; names the first one that does not verify")
    public Uni<Response> verify(@PathParam("matterId") String matterId) {
        UUID id;
        try {
            id = UUID.fromString(matterId);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(problem(404, "no matter " + matterId));
        }
        return evidence.verify(id).map(verdict -> {
            if (verdict.links().isEmpty()) {
                return problem(404, "no hand-offs recorded for matter " + matterId);
            }
            List<Entry> entries = verdict.links().stream().map(EvidenceResource::entry).toList();
            Break broken = verdict.firstBreak().map(b -> new Break(b.seq(), b.eventId(), b.reason())).orElse(null);
            if (broken != null) {
                LOG.warnf("matter %s: evidence chain broken at hand-off #%d: %s", matterId, broken.seq(), broken.reason());
            }
            return Response.ok(new Report(matterId, broken == null, entries.size(), broken, entries)).build();
        });
    }

    private static Entry entry(HandOffChain.StoredLink stored) {
        var link = stored.link();
        return new Entry(link.seq(), link.eventId(), link.handOff().kind().label(), link.handOff().eventType(),
                link.handOff().taskId(), link.handOff().department(), link.signer(), link.prevHash(), link.hash(),
                stored.recordedAt());
    }

    private static Response problem(int status, String detail) {
        return Problems.problem(status, "not-found", detail);
    }
}
