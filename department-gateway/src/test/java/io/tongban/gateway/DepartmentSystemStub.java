package io.tongban.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP department system on a local port: records every delivery, fails the first N of a task on request. */
public class DepartmentSystemStub implements QuarkusTestResourceLifecycleManager {
    public record Received(String path, String idempotencyKey, String body, int status) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Task id → how many more deliveries of it to fail with 503. */
    public static final Map<String, AtomicInteger> FAILURES_TO_COME = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/departments/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            AtomicInteger failures = key == null ? null : FAILURES_TO_COME.get(key);
            int status = failures != null && failures.getAndDecrement() > 0 ? 503 : 202;
            RECEIVED.add(new Received(exchange.getRequestURI().getPath(), key, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of("tongban.gateway.default-endpoint",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/departments/{department}/tasks",
                "tongban.gateway.delivery.initial-backoff", "PT0.05S",
                "tongban.gateway.delivery.max-attempts", "4");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    public static List<Received> deliveriesOf(String taskId) {
        return RECEIVED.stream().filter(r -> taskId.equals(r.idempotencyKey())).toList();
    }
}
