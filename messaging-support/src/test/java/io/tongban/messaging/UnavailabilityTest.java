package io.tongban.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures are a back-end that is briefly away (503, retry) and which are bugs (500). */
class UnavailabilityTest {

    @Test
    void postgresStartingUpIsUnavailableEvenWhenWrapped() {
        PgException startingUp = new PgException("the database system is starting up", "FATAL", "57P03", null);

        assertThat(Unavailability.backEnd(new CompletionException(new RuntimeException(startingUp))))
                .contains("PostgreSQL");
    }

    @Test
    void postgresShuttingDownOrRefusingConnectionsIsUnavailable() {
        assertThat(Unavailability.backEnd(new PgException("terminating connection due to administrator command",
                "FATAL", "57P01", null))).contains("PostgreSQL");
        assertThat(Unavailability.backEnd(new PgException("database \"x\" is not currently accepting connections",
                "FATAL", "55000", null))).contains("PostgreSQL");
        assertThat(Unavailability.backEnd(new PgException("sorry, too many clients already", "FATAL", "53300", null)))
                .contains("PostgreSQL");
    }

    @Test
    void aRefusedConnectionAndAKafkaTimeoutAreUnavailable() {
        assertThat(Unavailability.backEnd(new RuntimeException(new ConnectException("Connection refused")))).isPresent();
        assertThat(Unavailability.backEnd(new TimeoutException("Timed out waiting for a node assignment")))
                .contains("Kafka");
    }

    @Test
    void constraintViolationsCancelledQueriesAndBugsAreNot() {
        assertThat(Unavailability.backEnd(new PgException("duplicate key value", "ERROR", "23505", null))).isEmpty();
        assertThat(Unavailability.backEnd(new PgException("canceling statement due to statement timeout",
                "ERROR", "57014", null))).isEmpty();
        assertThat(Unavailability.backEnd(new IllegalStateException("bug"))).isEmpty();
    }
}
