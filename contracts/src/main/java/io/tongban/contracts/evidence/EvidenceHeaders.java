package io.tongban.contracts.evidence;

/**
 * Kafka headers (beside the CloudEvents ones) with which a hand-off travels, and the HTTP header of a
 * department's signed callback. Values are US-ASCII: hashes lower-case hex, signatures base64.
 */
public final class EvidenceHeaders {
    /** Base64 Ed25519 signature over {@link HandOff#statement()}. */
    public static final String SIGNATURE = "tongban-signature";
    /** Who signed: {@link #PLATFORM} for tasks, the department id for results. */
    public static final String SIGNER = "tongban-signer";
    /** The matter's chain hash of this hand-off (set by the orchestrator on tasks). */
    public static final String HASH = "tongban-hash";
    /** The chain hash of the matter's previous hand-off. */
    public static final String PREV_HASH = "tongban-prev-hash";
    /**
     * On a workflow {@code tongban.task.dispatched.v1} event: the chain hash of the task hand-off it reports, so that
     * the applicant's "who saw my data" view can be checked against the evidence chain.
     */
    public static final String HAND_OFF_HASH = "tongban-hand-off-hash";
    /** On a department's HTTP callback: the Ed25519 signature of its answer (base64). */
    public static final String HTTP_SIGNATURE = "X-Tongban-Evidence-Signature";

    public static final String PLATFORM = "platform";

    private EvidenceHeaders() {
    }
}
