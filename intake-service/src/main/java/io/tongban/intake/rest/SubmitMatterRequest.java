package io.tongban.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One matter, submitted once: the matter type and the applicant's form.")
public record SubmitMatterRequest(
        @Schema(description = "Matter type id from the catalogue", examples = "newborn") String matterType,
        @Schema(description = "The form, as the matter type's JSON Schema describes it") JsonNode form) {
}
