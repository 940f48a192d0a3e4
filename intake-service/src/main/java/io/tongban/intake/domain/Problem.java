package io.tongban.intake.domain;

import java.util.List;

/**
 * A refusal the applicant can act on, rendered as RFC 7807 problem JSON. {@code errors} names each
 * offending field by its JSON path.
 */
public class Problem extends RuntimeException {
    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public record FieldError(String field, String message) {
    }

    public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(422, "validation", "The request is not valid", detail, errors);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail, List.of());
    }

    public static Problem tooLarge(String detail, List<FieldError> errors) {
        return new Problem(413, "too-large", "Payload too large", detail, errors);
    }

    public static Problem unsupportedType(String detail, List<FieldError> errors) {
        return new Problem(415, "unsupported-media-type", "Unsupported media type", detail, errors);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "conflict", "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
