package io.tongban.intake.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tongban.intake.domain.Problem;
import io.tongban.messaging.Unavailability;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every 4xx/5xx as RFC 7807 problem JSON; never a stack trace. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPE_BASE = "https://tongban.io/problems/";

    @ServerExceptionMapper
    public Response problem(Problem p, UriInfo uri) {
        return render(p.status(), p.type(), p.title(), p.getMessage(), uri, p.errors());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String detail = e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                ? "unexpected value at " + path(mismatch) : "the body is not valid JSON";
        List<Problem.FieldError> errors = e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()
                ? List.of(new Problem.FieldError(path(mismatch), "unexpected value or unknown field"))
                : List.of();
        return render(400, "malformed-request", "Malformed request", detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsable(JsonParseException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedPart(MatterResource.MalformedPartException e, UriInfo uri) {
        return render(400, "malformed-request", "Malformed request", "the '" + e.part + "' part is not valid JSON",
                uri, List.of(new Problem.FieldError(e.part, "not valid JSON or unexpected fields")));
    }

    /**
     * The REST layer could not read the body as the type it declares, before any resource ran: e.g. a body
     * labelled multipart/form-data that is not multipart ("Connection terminated reading multipart data") — the
     * client's fault, a 400. Any other I/O failure is the platform's (PostgreSQL restarting refuses connections,
     * seen in the fault suite): a 503 the client may retry, never a 400 that makes it give up. Neither is a
     * RuntimeException, so without this mapper both escaped as a bare 500 from the HTTP layer.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        if (isUnreadableMultipart(e)) {
            LOG.infof("unreadable request body on %s: %s", uri.getPath(), e.getMessage());
            return render(400, "malformed-request", "Malformed request",
                    "the request body could not be read as the content type it declares", uri, List.of());
        }
        return unavailable(Unavailability.backEnd(e).orElse("a back-end server"), e, uri);
    }

    private static Response unavailable(String backEnd, Exception e, UriInfo uri) {
        LOG.warnf("%s unavailable on %s, answered 503: %s", backEnd, uri.getPath(), e.getMessage());
        Response problem = render(503, "unavailable", "Service unavailable", backEnd
                + " is starting up or unreachable; nothing was changed, try again shortly", uri, List.of());
        return Response.fromResponse(problem).header("Retry-After", String.valueOf(Unavailability.RETRY_AFTER_SECONDS))
                .build();
    }

    static boolean isUnreadableMultipart(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("multipart") || Arrays.stream(e.getStackTrace())
                .anyMatch(frame -> frame.getClassName().toLowerCase(Locale.ROOT).contains("multipart"));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Response problem = render(401, "unauthenticated", "Unauthorized",
                "a valid bearer token (JWT) is required", uri, List.of());
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(403, "forbidden", "Forbidden", "your role may not do this", uri, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        if (status == 415) {
            return unsupportedBody(uri, request);
        }
        return render(status, "http-" + status, title, title, uri, List.of());
    }

    /** A body without a Content-Type, or with one this endpoint does not read: name what it does read. */
    private static Response unsupportedBody(UriInfo uri, Request request) {
        Set<String> accepted = AcceptedMediaTypes.of(request.getMethod(), uri.getPath());
        String detail = accepted.isEmpty() ? "this endpoint does not take a request body of this type"
                : "send the body with Content-Type " + String.join(" or ", accepted)
                + (accepted.contains(MediaType.MULTIPART_FORM_DATA) ? " (with files: one part per file, named after its material)" : "");
        Response problem = render(415, "unsupported-media-type", "Unsupported media type", detail, uri, List.of());
        return accepted.isEmpty() ? problem
                : Response.fromResponse(problem).header("Accept-Post", String.join(", ", accepted)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        Optional<String> backEnd = Unavailability.backEnd(e);
        if (backEnd.isPresent()) {
            return unavailable(backEnd.get(), e, uri);
        }
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return render(500, "internal", "Internal error", "the request could not be completed; nothing was changed",
                uri, List.of());
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder("$");
        e.getPath().forEach(ref -> sb.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]"));
        return sb.toString();
    }

    static Response render(int status, String type, String title, String detail, UriInfo uri,
                           List<Problem.FieldError> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri.getPath());
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }
}
