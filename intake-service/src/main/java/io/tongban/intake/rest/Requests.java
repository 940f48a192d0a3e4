package io.tongban.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The small request bodies of the matter actions. */
public final class Requests {
    private Requests() {
    }

    @Schema(description = "补正: the fields asked for, at their paths in the form (files come as multipart parts)")
    public record Supplement(
            @Schema(description = "Only the requested fields, e.g. {\"father\": {\"phone\": \"13812345678\"}}")
            JsonNode form) {
    }

    @Schema(description = "Withdraw a matter that has not finished")
    public record Withdrawal(@Schema(description = "Why (optional, at most 500 characters)", examples = "submitted twice")
                             String reason) {
    }

    @Schema(description = "好差评: 1 (very bad) to 5 (very good), once per decided matter")
    public record Rating(@Schema(minimum = "1", maximum = "5", examples = "5") Integer grade,
                         @Schema(description = "At most 500 characters", examples = "快，一次都没跑") String comment) {
    }
}
