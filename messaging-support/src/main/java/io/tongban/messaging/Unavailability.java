package io.tongban.messaging;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure of the platform's back-ends (PostgreSQL or Kafka starting up, restarting or unreachable) from
 * a bug: the first is a 503 with {@code Retry-After} that a client should simply repeat, the second a 500.
 * Hibernate Reactive, Mutiny and Vert.x wrap the original failure, so the whole cause chain is looked at.
 */
public final class Unavailability {
    /** Seconds a client should wait: PostgreSQL and the broker come back within a few seconds of a restart. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private Unavailability() {
    }

    /** Which back-end is unavailable ("PostgreSQL" or "Kafka"), if that is what this failure is. */
    public static Optional<String> backEnd(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof DatabaseException db && isUnavailable(db.getSqlState(), db.getMessage())) {
                return Optional.of("PostgreSQL");
            }
            if (t instanceof ClosedConnectionException) {
                return Optional.of("PostgreSQL");
            }
            if (t instanceof RetriableException) {
                return Optional.of("Kafka");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return Optional.of("a back-end server");
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * SQLSTATE class 08 (connection exception), 53 (insufficient resources: too many connections), 57P01-57P05
     * (shut down by the administrator, crashed, starting up / cannot connect now, idle session timeout) and a
     * database that does not accept connections for the moment (55000 with that message, e.g. during maintenance).
     * Not 57014 (query cancelled): that is a statement timeout, not an outage.
     */
    static boolean isUnavailable(String sqlState, String message) {
        if (sqlState == null) {
            return false;
        }
        if (sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P")) {
            return true;
        }
        return "55000".equals(sqlState) && message != null
                && message.toLowerCase(Locale.ROOT).contains("not currently accepting connections");
    }
}
