package io.tongban.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Asks the orchestrator to verify one matter's evidence chain ({@code GET /ops/matters/{id}/evidence}) and
 * prints the verdict:
 * <pre>
 *   VerifyEvidence --orchestrator-url http://127.0.0.1:8082 --matter ID
 * </pre>
 * The operator's bearer token comes from the environment ({@code TONGBAN_TOKEN}). Exit 0 when every hand-off
 * verifies, 1 when one does not (it is named), 2 when the chain could not be fetched.
 */
public final class VerifyEvidence {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifyEvidence() {
    }

    static String nextStep(int status) {
        return switch (status) {
            case 404 -> "  the orchestrator knows no matter with this id: use the matterId intake answered (e.g. from 'tongban demo')";
            case 401, 403 -> "  the ops token was refused: the orchestrator trusts another key than $TONGBAN_HOME/keys (same TONGBAN_HOME as 'up'?)";
            case 503 -> "  PostgreSQL or Kafka is starting up: try again in a few seconds";
            default -> "  see the orchestrator's log: deploy/local/tongban logs orchestrator";
        };
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts;
        try {
            opts = Args.parse(args);
            Args.required(opts, "--orchestrator-url");
            Args.required(opts, "--matter");
        } catch (IllegalArgumentException e) {
            System.err.println("VerifyEvidence: " + e.getMessage());
            System.exit(2);
            return;
        }
        URI uri = URI.create(opts.get("--orchestrator-url").replaceAll("/+$", "") + "/ops/matters/" + opts.get("--matter")
                + "/evidence");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET();
        String token = System.getenv("TONGBAN_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.trim());
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println("✗ " + uri + " answered HTTP " + response.statusCode() + ": " + response.body());
                System.err.println(nextStep(response.statusCode()));
                System.exit(2);
            }
            System.exit(print(JSON.readTree(response.body())));
        } catch (IOException e) {
            // a refused connection has no message at all ("null"): say what happened and what to do instead
            System.err.println("✗ the orchestrator does not answer at " + uri.getScheme() + "://" + uri.getAuthority()
                    + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")");
            System.err.println("  is the platform running? start it with: deploy/local/tongban up");
            System.exit(2);
        }
    }

    static int print(JsonNode verdict) {
        String matter = verdict.path("matterId").asText();
        for (JsonNode entry : verdict.path("entries")) {
            System.out.printf("  #%-3d %-6s %-44s %-22s signed by %-22s %s…%n", entry.path("seq").asLong(),
                    entry.path("kind").asText(), entry.path("type").asText(), entry.path("department").asText(),
                    entry.path("signer").asText(), entry.path("hash").asText().substring(0, Math.min(16,
                            entry.path("hash").asText().length())));
        }
        if (verdict.path("verified").asBoolean()) {
            System.out.printf("✓ matter %s: chain of %d hand-offs verified%n", matter, verdict.path("handOffs").asInt());
            return 0;
        }
        JsonNode broken = verdict.path("firstBreak");
        System.out.printf("✗ matter %s: hand-off #%d (event %s) does not verify: %s%n", matter, broken.path("seq").asLong(),
                broken.path("eventId").asText(), broken.path("reason").asText());
        return 1;
    }
}
