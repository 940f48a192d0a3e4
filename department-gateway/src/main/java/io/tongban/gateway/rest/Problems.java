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

    static void requireValid(DepartmentAnswer answer) {
        if (answer == null || answer.taskId() == null || answer.taskId().isBlank()) {
            throw problem(422, "validation", "taskId is required");
        }
        if (!ResultCallbackResource.outcomes().contains(answer.outcome())) {
            throw problem(422, "validation", "outcome must be completed or rejected");
        }
        if (DepartmentAnswer.REJECTED.equals(answer.outcome()) && (answer.reason() == null || answer.reason().isBlank())) {
            throw problem(422, "validation", "a rejection needs a written reason");
        }
    }

    static WebApplicationException notFound(String detail) {
        return problem(404, "not-found", detail);
    }

    static WebApplicationException conflict(String detail) {
        return problem(409, "conflict", detail);
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
