package io.tongban.orchestrator.rest;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7807 problem responses of the orchestrator's (ops) HTTP endpoints. */
final class Problems {
    private Problems() {
    }

    static Response problem(int status, String type, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://tongban.io/problems/" + type);
        body.put("title", Response.Status.fromStatusCode(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
