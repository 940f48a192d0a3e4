package io.tongban.intake.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 补正: the applicant answers with what was asked for, and only that. A requested field is named by its
 * path in the form ({@code father.phone}); a supplied value may be the field itself or lie beneath it.
 */
public final class Supplements {
    private Supplements() {
    }

    /** The dotted paths of the leaves of a partial form ({@code {"father":{"phone":"…"}}} → {@code father.phone}). */
    public static List<String> leafPaths(JsonNode form) {
        List<String> paths = new ArrayList<>();
        collect(form, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, List<String> paths) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collect(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), paths);
            }
        } else if (!path.isEmpty()) {
            paths.add(path);
        }
    }

    /** Which requested field a supplied leaf answers, or null when it answers none. */
    public static String requestedFieldFor(String leafPath, Set<String> requestedFields) {
        for (String requested : requestedFields) {
            String normalised = requested.replaceFirst("^\\$\\.", "").replaceFirst("^form\\.", "");
            if (leafPath.equals(normalised) || leafPath.startsWith(normalised + ".")) {
                return requested;
            }
        }
        return null;
    }

    /** Checks that every supplied field was asked for; the answer names each one that was not. */
    public static void checkOnlyRequested(JsonNode form, Set<String> requestedFields) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String leaf : leafPaths(form)) {
            if (requestedFieldFor(leaf, requestedFields) == null) {
                errors.add(new Problem.FieldError("$.form." + leaf, "was not asked for"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("only what the supplement request asked for is accepted", errors);
        }
    }

    /** The matter's form with the supplied fields merged in at their paths (a new object; inputs unchanged). */
    public static ObjectNode merged(JsonNode original, JsonNode supplied) {
        ObjectNode result = original.deepCopy();
        merge(result, supplied);
        return result;
    }

    private static void merge(ObjectNode target, JsonNode supplied) {
        for (Iterator<Map.Entry<String, JsonNode>> it = supplied.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
