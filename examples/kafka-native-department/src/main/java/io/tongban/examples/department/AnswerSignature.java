package io.tongban.examples.department;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The department's signature of an answer, as the AsyncAPI contract describes it (header {@code tongban-signature},
 * with {@code tongban-signer} = the department): Ed25519 over this statement, UTF-8, base64-encoded:
 * <pre>
 * tongban-hand-off/1
 * kind: result
 * matter: &lt;matterId&gt;
 * task: &lt;taskId&gt;
 * department: &lt;department&gt;
 * type: tongban.department-task.completed.v1
 * content-sha256: &lt;hex SHA-256 of the canonical JSON of {"outcome":"completed","outputs":{…},"taskId":…}&gt;
 * </pre>
 * Canonical JSON: object members sorted by name, null members left out, no whitespace. Plain JDK and Jackson.
 */
public final class AnswerSignature {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrivateKey key;

    public AnswerSignature(PrivateKey key) {
        this.key = key;
    }

    /** The department's private key: a PKCS#8 PEM file ({@code <department>.key}). */
    public static AnswerSignature fromPemFile(Path file) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return new AnswerSignature(KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))));
    }

    /** Signs a completion whose data has {@code taskId}, {@code matterId}, {@code department} and {@code outputs}. */
    public String signCompletion(JsonNode data) {
        ObjectNode answer = JSON.createObjectNode();
        answer.set("taskId", data.get("taskId"));
        answer.put("outcome", "completed");
        answer.set("outputs", data.get("outputs"));
        String statement = "tongban-hand-off/1\n"
                + "kind: result\n"
                + "matter: " + data.path("matterId").asText() + "\n"
                + "task: " + data.path("taskId").asText() + "\n"
                + "department: " + data.path("department").asText() + "\n"
                + "type: " + KafkaNativeDepartment.COMPLETED + "\n"
                + "content-sha256: " + sha256(canonical(answer)) + "\n";
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(statement.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ed25519.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode out = JSON.createObjectNode();
            for (String name : names) {
                if (!node.get(name).isNull()) {
                    out.set(name, sorted(node.get(name)));
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
