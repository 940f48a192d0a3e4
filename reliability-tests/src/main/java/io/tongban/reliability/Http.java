package io.tongban.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client: one status and body per request; a failure to connect is status -1. */
public final class Http {
    public record Reply(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Worth retrying: the service was down, restarting or could not reach its own dependencies. */
        public boolean transientFailure() {
            return status < 0 || status >= 500 || status == 429;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Optional<String> token;

    public Http(Optional<String> token) {
        this.token = token;
    }

    public Reply get(String url) {
        return send("GET", url, null, null, Map.of(), true);
    }

    public Reply postJson(String url, String json, Map<String, String> headers) {
        return send("POST", url, json.getBytes(StandardCharsets.UTF_8), "application/json", headers, true);
    }

    public Reply send(String method, String url, byte[] body, String contentType, Map<String, String> headers,
                      boolean withToken) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15));
            if (withToken) {
                token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpRequest request = b.build();
            HttpResponse<String> r;
            try {
                r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException stale) {
                // a pooled keep-alive connection the server closed after its previous (error) answer:
                // the request never reached the server, so it is sent once more on a fresh connection
                if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
                    throw stale;
                }
                r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            return new Reply(r.statusCode(), r.body());
        } catch (IOException | IllegalArgumentException e) {
            return new Reply(-1, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted");
        }
    }
}
