package io.tongban.contracts.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tongban.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The one byte form of a JSON value that hand-off signatures and chain hashes are computed over, so that
 * a producer and a verifier agree whatever their JSON library's field order or spacing: object members
 * sorted by name (Java {@link String#compareTo}), members whose value is {@code null} left out, no
 * whitespace, UTF-8. A department that does not use our libraries can produce it with a few lines.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** A record, map or {@link JsonNode} in canonical form. */
    public static String of(Object value) {
        JsonNode tree = value instanceof JsonNode node ? node : EventJson.mapper().valueToTree(value);
        try {
            return EventJson.mapper().writeValueAsString(canonical(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not writable as JSON", e);
        }
    }

    /** JSON text in canonical form; text that is not JSON is refused. */
    public static String ofText(String json) {
        try {
            return of(EventJson.mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                JsonNode member = node.get(name);
                if (member != null && !member.isNull() && !member.isMissingNode()) {
                    sorted.set(name, canonical(member));
                }
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.add(canonical(it.next()));
            }
            return array;
        }
        return node;
    }
}
