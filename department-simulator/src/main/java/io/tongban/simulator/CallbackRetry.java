package io.tongban.simulator;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to send a callback the gateway did not take again. The department contract says an answer is durable
 * only once the callback got a 2xx, so anything else that may pass (connection refused, a timeout, 5xx, 429,
 * 408) is retried with exponential back-off and full jitter, a {@code Retry-After} of the gateway winning,
 * for a bounded but long time: a gateway restart or a database outage must not strand an answer.
 * A 4xx other than 408/429 is the answer's own fault and is not retried.
 */
public record CallbackRetry(Duration initialBackoff, Duration maxBackoff, Duration giveUpAfter) {

    /** {@code status} 0: no HTTP answer at all (connection refused, reset, timeout). */
    public static boolean retryable(int status) {
        return status == 0 || status >= 500 || status == 429 || status == 408;
    }

    /**
     * The wait before attempt {@code attempt + 1}, or empty when the answer is given up (not retryable, or
     * {@code elapsed} since the first attempt would pass {@link #giveUpAfter()}).
     */
    public Optional<Duration> next(int attempt, int status, String retryAfter, Duration elapsed) {
        if (!retryable(status)) {
            return Optional.empty();
        }
        Duration wait = retryAfter(retryAfter).orElseGet(() -> jittered(attempt));
        if (elapsed.plus(wait).compareTo(giveUpAfter) > 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    private Duration jittered(int attempt) {
        long cap = maxBackoff.toMillis();
        long exponential = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long ceiling = Math.max(1, Math.min(cap, exponential));
        // jitter (half to all of the back-off): departments that failed together (the gateway was down) do not come back together
        return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
    }

    /** Retry-After in seconds (the form the gateway sends); an HTTP date or garbage is ignored. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds, 600)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
