package io.tongban.gateway.rest;

import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.HandOffSignature;
import io.tongban.gateway.config.DepartmentEvidenceKeys;
import io.tongban.gateway.domain.DepartmentAnswer;
import io.tongban.contracts.EventCatalog;
import io.tongban.messaging.OutgoingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The department's evidence signature on its answers (README "Evidence chain"): a department system signs its
 * answer with its own key and the gateway checks it before recording anything; the verified signature then
 * travels on the result event ({@code tongban-signature}, {@code tongban-signer}) for the orchestrator to check
 * again and chain. Clerks' answers are signed here with the department's key held for its work queue.
 */
@ApplicationScoped
public class AnswerEvidence {
    @Inject
    DepartmentEvidenceKeys keys;

    /**
     * What is wrong with a department system's signature of {@code answer} about a task of {@code matterId}, or
     * empty when it verifies (or is absent while signatures are not required).
     */
    public Optional<String> problemWith(String department, String matterId, DepartmentAnswer answer, String signature) {
        if (signature == null || signature.isBlank()) {
            return keys.signatureRequired()
                    ? Optional.of("the answer is not signed with the department's evidence key (" + EvidenceHeaders.HTTP_SIGNATURE + ")")
                    : Optional.empty();
        }
        PublicKey key = keys.publicKeyOf(department);
        if (key == null) {
            return Optional.of("no evidence key is configured for department " + department);
        }
        return HandOffSignature.verify(key, handOff(department, matterId, answer), signature)
                ? Optional.empty()
                : Optional.of("the evidence signature does not verify with the department's key");
    }

    /** The result event with the department system's (verified) signature; unchanged when it sent none. */
    public OutgoingEvent withSignature(OutgoingEvent event, String department, String verifiedSignature) {
        if (verifiedSignature == null || verifiedSignature.isBlank()) {
            return event;
        }
        return event.withHeader(EvidenceHeaders.SIGNER, department).withHeader(EvidenceHeaders.SIGNATURE, verifiedSignature);
    }

    /**
     * A clerk's answer, signed here with the department's key held for its work queue; unchanged when the gateway
     * holds none (the orchestrator then refuses it, saying so).
     */
    public OutgoingEvent signedForClerks(OutgoingEvent event, String department) {
        PrivateKey key = keys.privateKeyOf(department);
        if (key == null) {
            return event;
        }
        return withSignature(event, department, HandOffSignature.sign(key, HandOff.result(event.type(), event.data())));
    }

    /** The hand-off of the result event the answer becomes: exactly what the orchestrator will verify. */
    private static HandOff handOff(String department, String matterId, DepartmentAnswer answer) {
        Object event = answer.toEvent(matterId, department, Instant.EPOCH);
        return HandOff.result(EventCatalog.typeOf(event), event);
    }
}
