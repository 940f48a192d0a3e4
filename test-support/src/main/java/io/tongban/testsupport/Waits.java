package io.tongban.testsupport;

import java.time.Duration;

/**
 * Awaitility limits, sized for a busy 2-core machine and scaled by one knob: {@code -Dtongban.test.wait-factor=3}
 * (or {@code TONGBAN_TEST_WAIT_FACTOR=3}) triples every limit. A generous limit costs nothing when all is well —
 * Awaitility returns as soon as the condition holds — while a tight one fails a correct build on a loaded machine
 * (a cold JVM's first requests parse queries and load classes for seconds).
 */
public final class Waits {
    public static final String FACTOR_PROPERTY = "tongban.test.wait-factor";
    public static final String FACTOR_ENV = "TONGBAN_TEST_WAIT_FACTOR";

    private Waits() {
    }

    /** {@code limit} times the factor. */
    public static Duration upTo(Duration limit) {
        return Duration.ofMillis(Math.round(limit.toMillis() * factor()));
    }

    /** The factor: the system property, else the environment variable, else 1; never below 1. */
    public static double factor() {
        String value = System.getProperty(FACTOR_PROPERTY, System.getenv(FACTOR_ENV));
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FACTOR_PROPERTY + " must be a number such as 2 or 1.5, not '" + value + "'");
        }
    }
}
