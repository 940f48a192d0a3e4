package io.tongban.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Follows one matter on the status service until it ends, printing every change of its state and of its
 * task lines (jq is not on every machine; Jackson is on our classpath):
 * <pre>
 *   ShowProgress --status-url http://127.0.0.1:8084 --matter ID [--timeout-seconds 60] [--submitted-at EPOCH_MS]
 * </pre>
 * The applicant's bearer token comes from the environment ({@code TONGBAN_TOKEN}), not the command line,
 * so that it does not show in the process list.
 * Exit 0 when the matter is COMPLETED, 1 when it ends otherwise or the timeout passes.
 */
public final class ShowProgress {
    private static final Set<String> FINAL_STATES = Set.of("COMPLETED", "REJECTED", "CANCELLED");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShowProgress() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> opts;
        try {
            opts = Args.parse(args);
            Args.required(opts, "--status-url");
            Args.required(opts, "--matter");
        } catch (IllegalArgumentException e) {
            System.err.println("ShowProgress: " + e.getMessage());
            System.exit(2);
            return;
        }
        String matter = opts.get("--matter");
        URI uri = URI.create(opts.get("--status-url").replaceAll("/+$", "") + "/api/matters/" + matter + "/progress");
        long timeoutMs = Args.intOption(opts, "--timeout-seconds", 60) * 1000L;
        long submittedAt = Long.parseLong(opts.getOrDefault("--submitted-at",
                String.valueOf(System.currentTimeMillis())));
        System.exit(follow(uri, matter, submittedAt, timeoutMs));
    }

    static int follow(URI uri, String matter, long submittedAt, long timeoutMs) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").GET();
        String token = System.getenv("TONGBAN_TOKEN");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.trim());
        }
        HttpRequest request = builder.build();
        String state = null;
        String lastProblem = null;
        Map<String, String> taskLines = new HashMap<>();
        long lastNews = System.currentTimeMillis();
        while (System.currentTimeMillis() - submittedAt < timeoutMs) {
            long printedBefore = lastNews;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    JsonNode progress = JSON.readTree(response.body());
                    String newState = progress.path("state").asText("?");
                    if (!newState.equals(state)) {
                        state = newState;
                        System.out.printf("%6d ms  matter %s%n", elapsed(submittedAt), state);
                        lastNews = System.currentTimeMillis();
                    }
                    for (JsonNode task : progress.path("tasks")) {
                        String key = task.path("department").asText() + "/" + task.path("taskKey").asText();
                        String line = describe(task);
                        if (!line.equals(taskLines.put(key, line))) {
                            System.out.printf("%6d ms    task %-40s %s%n", elapsed(submittedAt), key, line);
                            lastNews = System.currentTimeMillis();
                        }
                    }
                    if (FINAL_STATES.contains(state)) {
                        return finish(matter, state, submittedAt, progress);
                    }
                    lastProblem = null;
                } else if (response.statusCode() == 404) {
                    lastProblem = "not projected yet (404)";
                } else {
                    lastProblem = "HTTP " + response.statusCode() + ": " + response.body();
                }
            } catch (IOException e) {
                lastProblem = e.getMessage() == null ? "the status service does not answer" : e.getMessage();
            }
            // a busy machine can take many seconds per hop (cold JVMs): say what is awaited instead of going quiet
            if (lastNews == printedBefore && System.currentTimeMillis() - lastNews >= 5_000) {
                System.out.printf("%6d ms  … waiting for %s (%s)%n", elapsed(submittedAt),
                        state == null ? "the status service to show the matter" : "the next step of the matter",
                        lastProblem != null ? lastProblem : "the services are working on it; a cold start on a busy machine takes a while");
                lastNews = System.currentTimeMillis();
            }
            Thread.sleep(500);
        }
        System.err.printf("✗ demo matter %s did not complete within %d s (last state: %s%s)%n", matter,
                timeoutMs / 1000, state == null ? "none" : state,
                lastProblem == null ? "" : "; last response: " + lastProblem);
        System.err.println("  see which service holds it: deploy/local/tongban status, then deploy/local/tongban logs <service>");
        return 1;
    }

    private static int finish(String matter, String state, long submittedAt, JsonNode progress) {
        System.out.println("timeline:");
        for (JsonNode event : progress.path("timeline")) {
            System.out.printf("  %3d  %-40s %s%n", event.path("sequence").asInt(),
                    event.path("type").asText(), event.path("summary").asText(""));
        }
        if ("COMPLETED".equals(state)) {
            System.out.printf("✓ demo matter %s completed in %d ms%n", matter, elapsed(submittedAt));
            return 0;
        }
        System.err.printf("✗ demo matter %s ended %s after %d ms%n", matter, state, elapsed(submittedAt));
        return 1;
    }

    private static String describe(JsonNode task) {
        JsonNode outputs = task.path("outputs");
        return task.path("state").asText("?")
                + (outputs.isObject() && outputs.size() > 0 ? "  " + outputs : "");
    }

    private static long elapsed(long since) {
        return System.currentTimeMillis() - since;
    }
}
