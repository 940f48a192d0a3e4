package io.tongban.intake.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tongban.catalogue.FormValidator;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The rules a submission must pass before anything is written: a known matter type and a valid form. */
public final class Submission {
    private Submission() {
    }

    /** The definition a new matter of this type starts on (its latest version), or a problem naming the field. */
    public static MatterDefinition checkedDefinition(MatterCatalogue catalogue, FormValidator validator,
                                                     String matterType, JsonNode form) {
        if (matterType == null || matterType.isBlank()) {
            throw Problem.invalid("matterType is required",
                    List.of(new Problem.FieldError("$.matterType", "is required")));
        }
        MatterDefinition definition = catalogue.latest(matterType).orElseThrow(() -> Problem.invalid(
                "unknown matter type '" + matterType + "'",
                List.of(new Problem.FieldError("$.matterType", "no matter type with this id"))));
        if (form == null || !form.isObject()) {
            throw Problem.invalid("form is required",
                    List.of(new Problem.FieldError("$.form", "is required and must be an object")));
        }
        List<Problem.FieldError> errors = validator.validate(definition, form).stream()
                .map(v -> new Problem.FieldError(v.path().replaceFirst("^\\$", "\\$.form"), v.message()))
                .toList();
        if (!errors.isEmpty()) {
            throw Problem.invalid("the form does not match the " + matterType + " form", errors);
        }
        List<Problem.FieldError> personal = PersonalNumbers.check(form, "$.form");
        if (!personal.isEmpty()) {
            throw Problem.invalid("a personal number in the form is not valid", personal);
        }
        return definition;
    }

    /** A stable fingerprint of what was asked, to tell a retry (same body) from a different request. */
    public static String fingerprint(String matterType, JsonNode form) {
        return fingerprint(matterType, form, List.of());
    }

    /** The same, over the materials too (each as {@code name=sha256}, in name order). */
    public static String fingerprint(String matterType, JsonNode form, List<String> materials) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(matterType.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(canonical(form).getBytes(StandardCharsets.UTF_8));
            for (String material : materials.stream().sorted().toList()) {
                digest.update((byte) 0);
                digest.update(material.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON with object keys sorted, so that key order does not change the fingerprint. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            for (String name : names) {
                sb.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(name)).append(':')
                        .append(canonical(node.get(name))).append(',');
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            node.forEach(n -> sb.append(canonical(n)).append(','));
            return sb.append(']').toString();
        }
        return node.toString();
    }
}
