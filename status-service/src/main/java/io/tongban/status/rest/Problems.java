package io.tongban.status.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/** RFC 7807 problems. A matter that is not the caller's is "not found": its existence is not disclosed. */
final class Problems {
    private Problems() {
    }

    static WebApplicationException notFound(String matterId) {
        return problem(404, "Not Found", "no progress for matter " + matterId + " (yet)");
    }

    static WebApplicationException badRequest(String detail) {
        return problem(400, "Bad Request", detail);
    }

    static WebApplicationException problem(int status, String title, String detail) {
        Map<String, Object> body = Map.of("type", "https://tongban.io/problems/" + title.toLowerCase().replace(' ', '-'),
                "title", title, "status", status, "detail", detail);
        return new WebApplicationException(Response.status(status).type("application/problem+json").entity(body).build());
    }

    static UUID matterId(String matterId) {
        try {
            return UUID.fromString(matterId);
        } catch (IllegalArgumentException e) {
            throw notFound(matterId);
        }
    }
}
