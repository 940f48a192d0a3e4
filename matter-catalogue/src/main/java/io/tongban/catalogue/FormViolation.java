package io.tongban.catalogue;

/** One thing wrong with an applicant's form: a JSON path such as {@code $.child.birthDate}, and why. */
public record FormViolation(String path, String message) {
}
