package io.tongban.simulator;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The simulator has no database; its one back-end is Kafka (Kafka mode) and, for its answers, the gateway. Either
 * briefly away is a 503 with Retry-After like on every other service, not a bare 500.
 */
public class BackEndProblems {
    private static final Logger LOG = Logger.getLogger(BackEndProblems.class);

    @ServerExceptionMapper({RetriableException.class, ConnectException.class})
    public Response unavailable(Exception e, UriInfo uri) {
        LOG.warnf("back-end unavailable on %s, answered 503: %s", uri.getPath(), e.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://tongban.io/problems/unavailable");
        body.put("title", "Service Unavailable");
        body.put("status", 503);
        body.put("detail", (e instanceof RetriableException ? "Kafka" : "a back-end server")
                + " is starting up or unreachable; nothing was changed, try again shortly");
        body.put("instance", uri.getPath());
        return Response.status(503).type("application/problem+json").header("Retry-After", "2").entity(body).build();
    }
}
