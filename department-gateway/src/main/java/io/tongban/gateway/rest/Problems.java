package io.tongban.gateway.rest;

import io.tongban.gateway.domain.DepartmentAnswer;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7807 problem responses of the gateway's HTTP endpoints. */
final class Problems {
    private Problems() {
    }

    /** Ids are printable and short; a control character (NUL above all) must never reach the database. */
    static boolean isPlainId(String id) {
        return id != null && !id.isBlank() && id.length() <= 200 && id.chars().noneMatch(Character::isISOControl);
    }

    static void requireValid(DepartmentAnswer answer) {
        if (answer == null) {
            throw problem(422, "validation", "an answer is required");
        }
        if (!isPlainId(answer.taskId())) {
            throw problem(422, "validation", "taskId must be 1 to 200 printable characters");
        }
        answer.problem().ifPresent(detail -> {
            throw problem(422, "validation", detail);
        });
    }

    static WebApplicationException notFound(String detail) {
        return problem(404, "not-found", detail);
    }

    static WebApplicationException conflict(String detail) {
        return problem(409, "conflict", detail);
    }

    /** A conflict with extra members naming what it conflicts with (RFC 7807 extension members). */
    static WebApplicationException conflict(String detail, Map<String, Object> extensions) {
        WebApplicationException problem = problem(409, "conflict", detail);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) problem.getResponse().getEntity();
        body.putAll(extensions);
        return problem;
    }

    static WebApplicationException unauthorized(String detail) {
        return problem(401, "unauthorized", detail);
    }

    static WebApplicationException problem(int status, String type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://tongban.io/problems/" + type);
        body.put("title", Response.Status.fromStatusCode(status) == null ? "Unprocessable Content"
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        return new WebApplicationException(Response.status(status).type("application/problem+json").entity(body).build());
    }
}
