package io.tongban.status;

import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.tongban.testsupport.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** A front-end watching a Server-Sent Events stream of the status service: collects the data of every event. */
final class LiveStream implements AutoCloseable {
    private final List<String> data = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final CompletableFuture<Void> reader;

    private LiveStream(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        reader = response.thenAccept(r -> r.body()
                .filter(line -> line.startsWith("data:")).forEach(line -> data.add(line.substring(5))));
    }

    /** Opens the stream and waits until the service has answered it (its headers are in). */
    static LiveStream open(String path, String token) {
        LiveStream stream = new LiveStream(path, token);
        await().atMost(Waits.upTo(Duration.ofSeconds(30))).until(stream.response::isDone);
        return stream;
    }

    /** The data of every event received so far, in order. */
    List<String> data() {
        synchronized (data) {
            return List.copyOf(data);
        }
    }

    @Override
    public void close() {
        reader.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
