package io.tongban.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Valid forms for the matter types we drive, built from recorded example forms (resources {@code forms/}),
 * each with fresh personal numbers (ID card, phone) so that the log check can look for exactly the numbers
 * this run submitted.
 */
public final class MatterForms {
    /** The recorded example forms this module ships. */
    public static final List<String> KNOWN_TYPES = List.of("newborn", "retirement", "restaurant", "school-enrolment",
            "home-transfer", "company-startup", "utilities", "investment-project");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final Set<String> idCards = ConcurrentHashMap.newKeySet();
    private final Set<String> phones = ConcurrentHashMap.newKeySet();

    public MatterForms(long seed) {
        this.random = new Random(seed);
    }

    public Optional<JsonNode> example(String matterType) {
        try (InputStream in = MatterForms.class.getResourceAsStream("/forms/" + matterType + ".json")) {
            return in == null ? Optional.empty() : Optional.of(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request body for one new matter of this type. */
    public synchronized String submission(String matterType) {
        JsonNode form = example(matterType).orElseThrow(() -> new IllegalArgumentException("no form for " + matterType));
        Map<String, String> sameIdCards = new java.util.HashMap<>();
        Map<String, String> samePhones = new java.util.HashMap<>();
        refresh(form, sameIdCards, samePhones);
        ObjectNode body = json.createObjectNode();
        body.put("matterType", matterType);
        body.set("form", form);
        return body.toString();
    }

    public Set<String> idCardsSubmitted() {
        return idCards;
    }

    public Set<String> phonesSubmitted() {
        return phones;
    }

    /** Replaces every idCard and phone; a number used twice in the example (the same person) stays the same. */
    private void refresh(JsonNode node, Map<String, String> sameIdCards, Map<String, String> samePhones) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual() && (field.getKey().equals("idCard") || field.getKey().endsWith("IdCard"))) {
                    String fresh = sameIdCards.computeIfAbsent(value.asText(), k -> idCard(k));
                    field.setValue(TextNode.valueOf(fresh));
                } else if (value.isTextual() && (field.getKey().equals("phone") || field.getKey().endsWith("Phone"))) {
                    String fresh = samePhones.computeIfAbsent(value.asText(), k -> phone());
                    field.setValue(TextNode.valueOf(fresh));
                } else {
                    refresh(value, sameIdCards, samePhones);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(element -> refresh(element, sameIdCards, samePhones));
        }
    }

    /** A valid 18-character resident ID number: the example's region and birth date, a new sequence, checksum. */
    private String idCard(String example) {
        String first14 = example.substring(0, 14);
        // the 17th digit's parity is the holder's sex; keep it
        int sexDigit = (random.nextInt(5) * 2) + ((example.charAt(16) - '0') % 2);
        String body = first14 + String.format("%02d", random.nextInt(100)) + sexDigit;
        String number = body + checksum(body);
        idCards.add(number);
        return number;
    }

    private String phone() {
        String number = "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
        phones.add(number);
        return number;
    }

    static char checksum(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }
}
