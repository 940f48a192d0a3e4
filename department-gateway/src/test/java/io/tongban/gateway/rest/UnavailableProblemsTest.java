package io.tongban.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/** The mapper's decision alone; the 503 itself is what a department retries on (simulator's HttpModeAnswersTest). */
class UnavailableProblemsTest {

    @Test
    void postgresqlStartingUpIsA503WithRetryAfter() {
        Response response = new UnavailableProblems().database(
                new PgException("the database system is starting up", "FATAL", "57P03", null));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    }

    @Test
    void aRefusedConnectionWrappedByHibernateIsA503Too() {
        Response response = new UnavailableProblems().persistence(
                new HibernateException("cannot open", new ConnectException("Connection refused")));

        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void aQueryThatIsWrongIsStillA500() {
        Response response = new UnavailableProblems().database(
                new PgException("column x does not exist", "ERROR", "42703", null));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }
}
