package io.tongban.gateway.rest;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.Set;
import org.hibernate.HibernateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * PostgreSQL starting up, shutting down or out of reach is the platform's passing trouble, not a bug: a 503 with
 * {@code Retry-After}, so a department system sends its answer again (contract rule 3) instead of reading a 500 as
 * a broken gateway. Nothing was recorded: the transaction did not commit.
 */
public class UnavailableProblems {
    private static final Logger LOG = Logger.getLogger(UnavailableProblems.class);
    /** cannot_connect_now (starting up), admin/crash shutdown, too many connections, and the connection classes. */
    private static final Set<String> PASSING = Set.of("57P01", "57P02", "57P03", "53300");

    @ServerExceptionMapper
    public Response database(PgException e) {
        return unavailableOrFailed(e);
    }

    @ServerExceptionMapper
    public Response connection(ConnectException e) {
        return unavailableOrFailed(e);
    }

    @ServerExceptionMapper
    public Response persistence(HibernateException e) {
        return unavailableOrFailed(e);
    }

    @ServerExceptionMapper
    public Response closed(io.vertx.sqlclient.ClosedConnectionException e) {
        return unavailableOrFailed(e);
    }

    static Response unavailableOrFailed(Throwable failure) {
        if (isPassing(failure)) {
            LOG.warnf("database unavailable, answered 503: %s", failure.getMessage());
            return Response.fromResponse(Problems.problem(503, "unavailable",
                            "the gateway's database is briefly unavailable; nothing was recorded, send it again").getResponse())
                    .header("Retry-After", "1").build();
        }
        LOG.errorf(failure, "request failed");
        return Problems.problem(500, "internal", "the request failed on our side; nothing was recorded").getResponse();
    }

    /** Whether the failure (or a cause of it) is a database that will be back: starting up, restarting, unreachable. */
    static boolean isPassing(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (PASSING.contains(pg.getSqlState()) || pg.getSqlState().startsWith("08"))) {
                return true;
            }
            if (t instanceof ConnectException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return true;
            }
        }
        return false;
    }
}
