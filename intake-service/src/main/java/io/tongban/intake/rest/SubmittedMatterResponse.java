package io.tongban.intake.rest;

import java.time.Instant;

/** What a front-end gets back for a submitted matter. */
public record SubmittedMatterResponse(
        String matterId,
        String matterType,
        int definitionVersion,
        String state,
        Instant submittedAt,
        String progress) {
}
