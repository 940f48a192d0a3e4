package io.tongban.gateway.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter, so that retries of many deliveries do not arrive in waves. */
public final class Backoff {
    private Backoff() {
    }

    public static Duration after(int attempt, Duration initial, Duration max) {
        long ceiling = Math.min(max.toMillis(), initial.toMillis() * (1L << Math.min(attempt - 1, 20)));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
