package io.tongban.orchestrator.rest;

import io.tongban.messaging.FailureResponses;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Failures no resource turned into a problem itself: 503 with Retry-After for PostgreSQL or Kafka starting up or
 * unreachable, else 500, as problem JSON ({@link FailureResponses}).
 */
public class FailureProblems {
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        return FailureResponses.web(e, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        return FailureResponses.unexpected(e, uri);
    }
}
