package io.tongban.gateway.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a department puts on its result callbacks:
 * {@code X-Tongban-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + requestId + "." + body)>},
 * with {@code X-Tongban-Timestamp} (epoch seconds) and a unique {@code X-Tongban-Request-Id}.
 * The timestamp bounds how long a captured request stays usable; the request id (remembered for that
 * long) makes it usable once.
 */
public final class CallbackSignature {
    public static final String TIMESTAMP = "X-Tongban-Timestamp";
    public static final String REQUEST_ID = "X-Tongban-Request-Id";
    public static final String SIGNATURE = "X-Tongban-Signature";
    private static final String PREFIX = "sha256=";

    private CallbackSignature() {
    }

    public static String sign(String secret, String timestamp, String requestId, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + requestId + "." + body).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Why the callback is refused, or empty when signature and timestamp are good (the replay check is separate). */
    public static Optional<String> problemWith(String secret, String timestamp, String requestId, String signature,
                                               String body, Instant now, Duration window) {
        if (secret == null) {
            return Optional.of("no callback secret is configured for this department");
        }
        if (timestamp == null || requestId == null || requestId.isBlank() || signature == null) {
            return Optional.of("missing " + TIMESTAMP + ", " + REQUEST_ID + " or " + SIGNATURE);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP + " is not epoch seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > window.toSeconds()) {
            return Optional.of("timestamp outside the accepted window");
        }
        byte[] expected = sign(secret, timestamp.trim(), requestId, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("signature does not match");
        }
        return Optional.empty();
    }
}
