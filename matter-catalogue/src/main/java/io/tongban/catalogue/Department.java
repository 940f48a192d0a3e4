package io.tongban.catalogue;

import java.time.Duration;
import java.util.Optional;

/**
 * One registered department: how its tasks reach it and how long the platform waits for its answers. The
 * evidence key and the callback secret are names to look up (a key file, a secrets-file entry), never the
 * secrets themselves.
 */
public record Department(
        String id,
        LocalizedText name,
        String mode,
        Optional<String> endpoint,
        int inFlightLimit,
        Duration answerTimeout,
        int maxDeliveries,
        String evidenceKey,
        String callbackSecret) {

    /** The gateway posts each task to the department's system. */
    public static final String HTTP = "http";
    /** The department's clerks work its tasks in the gateway's work queue. */
    public static final String CLERK = "clerk";
    /** The department's system reads its tasks topic itself. */
    public static final String KAFKA = "kafka";
}
