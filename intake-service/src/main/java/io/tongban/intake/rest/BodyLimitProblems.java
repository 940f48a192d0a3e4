package io.tongban.intake.rest;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A body over {@code quarkus.http.limits.max-body-size} is refused by the HTTP layer before any resource
 * runs; this turns that refusal into the same problem JSON as every other error.
 */
@ApplicationScoped
public class BodyLimitProblems {

    void install(@Observes Router router) {
        router.errorHandler(413, ctx -> {
            if (ctx.response().headWritten()) {
                return;
            }
            JsonObject problem = new JsonObject()
                    .put("type", "https://tongban.io/problems/too-large")
                    .put("title", "Payload too large")
                    .put("status", 413)
                    .put("detail", "the request body is larger than this service accepts")
                    .put("instance", ctx.request().path());
            ctx.response().setStatusCode(413).putHeader("Content-Type", ProblemMappers.PROBLEM_JSON)
                    .putHeader("Connection", "close").end(problem.encode());
        });
    }
}
