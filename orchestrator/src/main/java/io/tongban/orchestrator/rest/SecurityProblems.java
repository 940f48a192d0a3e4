package io.tongban.orchestrator.rest;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals of the security layer as RFC 7807 problems like every other error. Authentication runs in the REST layer
 * ({@code quarkus.http.auth.proactive=false}), so a missing or bad token reaches these mappers too.
 */
public class SecurityProblems {
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        Response problem = Problems.problem(401, "unauthorized", "a valid bearer token (JWT) is required");
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.problem(403, "forbidden", "your role may not do this");
    }
}
