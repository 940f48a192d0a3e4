package io.tongban.messaging;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What each service's {@code FailureProblems} mapper answers for failures no resource turned into a problem itself.
 * PostgreSQL or Kafka starting up, restarting or unreachable is a 503 with Retry-After (the client repeats the same
 * request and nothing was changed); anything else is a 500 — both as RFC 7807 problem JSON, without the exception's
 * class or message. The mappers stay in each service (Quarkus REST finds them in the application); the answer is
 * written once, here.
 */
public final class FailureResponses {
    private static final Logger LOG = Logger.getLogger(FailureResponses.class);

    private FailureResponses() {
    }

    /** A JAX-RS exception without a body (unknown path, wrong method, …) gets the problem JSON of its status. */
    public static Response web(WebApplicationException e, UriInfo uri) {
        if (e.getResponse().hasEntity()) {
            return e.getResponse();
        }
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return render(status, "http-" + status, title, title, uri);
    }

    public static Response unexpected(Exception e, UriInfo uri) {
        Optional<String> backEnd = Unavailability.backEnd(e);
        if (backEnd.isPresent()) {
            LOG.warnf("%s unavailable on %s, answered 503: %s", backEnd.get(), uri.getPath(), e.getMessage());
            return Response.fromResponse(render(503, "unavailable", "Service Unavailable", backEnd.get()
                            + " is starting up or unreachable; nothing was changed, try again shortly", uri))
                    .header("Retry-After", String.valueOf(Unavailability.RETRY_AFTER_SECONDS)).build();
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return render(500, "internal", "Internal Server Error",
                "the request could not be completed; nothing was changed", uri);
    }

    private static Response render(int status, String type, String title, String detail, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://tongban.io/problems/" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri.getPath());
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
