package io.tongban.messaging;

/**
 * A record that can never be processed (not a CloudEvent, unknown type, malformed data, breaks a rule).
 * It goes to the consumer's dead-letter topic with this message as the reason; retrying cannot help.
 */
public class PoisonEventException extends RuntimeException {
    public PoisonEventException(String reason) {
        super(reason);
    }

    public PoisonEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
