package io.tongban.contracts.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hash chain of one matter's hand-offs: each link's hash covers the previous link's hash, the event
 * id, the SHA-256 of the full stored payload, the signer, the signature and the signed statement. Changing,
 * removing or reordering any stored link breaks the chain at that link.
 */
public final class EvidenceChain {
    /** The "previous hash" of a matter's first hand-off. */
    public static final String GENESIS = "0".repeat(64);

    private EvidenceChain() {
    }

    /** One stored hand-off. {@code payloadJson} is the event data as sent or received. */
    public record Link(long seq, String eventId, HandOff handOff, String payloadJson, String signer, String signature,
                       String prevHash, String hash) {
    }

    /** The first link that does not verify, and why. */
    public record Break(long seq, String eventId, String reason) {
    }

    public static String hash(String prevHash, String eventId, String payloadHash, String signer, String signature,
                              HandOff handOff) {
        return CanonicalJson.sha256("tongban-chain/1\n"
                + "prev: " + prevHash + "\n"
                + "event: " + eventId + "\n"
                + "payload-sha256: " + payloadHash + "\n"
                + "signer: " + signer + "\n"
                + "signature: " + Objects.requireNonNullElse(signature, "") + "\n"
                + handOff.statement());
    }

    public static String payloadHash(String payloadJson) {
        return CanonicalJson.sha256(CanonicalJson.ofText(payloadJson));
    }

    /**
     * Checks links in order: sequence without gaps, each previous hash the hash before it, each hash
     * recomputed from what is stored, each signature valid under the signer's public key
     * ({@code keyOf} gives none for an unknown signer). {@code rebuild} recomputes the hand-off from the stored
     * payload, so a changed payload shows even when the stored statement fields were left alone.
     */
    public static Optional<Break> firstBreak(List<Link> links, Function<String, java.security.PublicKey> keyOf,
                                             Function<Link, HandOff> rebuild) {
        String prev = GENESIS;
        long expectedSeq = 1;
        for (Link link : new ArrayList<>(links)) {
            Optional<String> problem = problemWith(link, prev, expectedSeq, keyOf, rebuild);
            if (problem.isPresent()) {
                return Optional.of(new Break(link.seq(), link.eventId(), problem.get()));
            }
            prev = link.hash();
            expectedSeq++;
        }
        return Optional.empty();
    }

    private static Optional<String> problemWith(Link link, String prev, long expectedSeq,
                                                Function<String, java.security.PublicKey> keyOf,
                                                Function<Link, HandOff> rebuild) {
        if (link.seq() != expectedSeq) {
            return Optional.of("expected hand-off #" + expectedSeq + " here, found #" + link.seq() + " (one is missing)");
        }
        if (!prev.equals(link.prevHash())) {
            return Optional.of("its previous hash does not match the hash of the hand-off before it");
        }
        HandOff rebuilt;
        String payloadHash;
        try {
            rebuilt = rebuild.apply(link);
            payloadHash = payloadHash(link.payloadJson());
        } catch (RuntimeException e) {
            return Optional.of("its stored payload cannot be read: " + e.getMessage());
        }
        if (!rebuilt.equals(link.handOff())) {
            return Optional.of("its stored payload does not match what was signed (content or fields changed)");
        }
        String recomputed = hash(link.prevHash(), link.eventId(), payloadHash, link.signer(), link.signature(), rebuilt);
        if (!recomputed.equals(link.hash())) {
            return Optional.of("its hash does not match its stored content");
        }
        java.security.PublicKey key = keyOf.apply(link.signer());
        if (key == null) {
            return Optional.of("no public key for signer " + link.signer());
        }
        if (!HandOffSignature.verify(key, rebuilt, link.signature())) {
            return Optional.of("the signature of " + link.signer() + " does not verify");
        }
        return Optional.empty();
    }
}
