package io.tongban.intake.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** What the matter endpoints answer. Personal numbers in a form shown back are always masked. */
public final class Views {
    private Views() {
    }

    public record MaterialView(String name, String contentType, long size, String sha256, String download) {
    }

    public record SupplementRequestView(String kind, String name, String reason, Instant requestedAt) {
    }

    public record RatingView(int grade, String comment, Instant ratedAt) {
    }

    public record MatterView(String matterId, String matterType, int definitionVersion, String state,
                             Instant submittedAt, Instant finishedAt, String progress, JsonNode form,
                             List<MaterialView> materials, List<SupplementRequestView> openSupplementRequests,
                             RatingView rating) {
    }

    public record MatterListItem(String matterId, String matterType, String titleZh, String titleEn,
                                 int definitionVersion, String state, Instant submittedAt, String progress,
                                 JsonNode form) {
    }

    public record MatterPage(List<MatterListItem> items, int page, int size, long total) {
    }
}
