package io.tongban.gateway;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real HTTP department system on a local port: records every delivery, fails the first N of a task on
 * request. Also configures the gateway's departments for the tests: a mapped one, a down one, clerk ones,
 * a Kafka-native one, and the callback secrets.
 */
public class DepartmentSystemStub implements QuarkusTestResourceLifecycleManager {
    public record Received(String path, String idempotencyKey, String body, int status) {
    }

    /** Departments the tests use beyond the catalogue's (their topics are created before the gateway starts). */
    static final String MAPPED = "market-regulation";
    static final String DOWN = "fire-rescue";
    static final String CLERK_A = "civil-affairs";
    static final String CLERK_B = "education";
    static final String KAFKA_NATIVE = "tax";
    /** An HTTP department with a short answer timeout (reconciliation). */
    static final String UNANSWERING = "natural-resources";
    /** A clerk work-queue department with a short answer timeout (reconciliation). */
    static final String CLERK_SLOW = "justice";
    /** Answers every delivery only after {@link #SLOW_ANSWER}. */
    static final String SLOW = "housing";
    static final Duration SLOW_ANSWER = Duration.ofSeconds(3);
    static final Map<String, String> SECRETS = Map.of(
            "health", "health-secret", "medical-insurance", "mi-secret", CLERK_A, "ca-secret",
            MAPPED, "mr-secret", UNANSWERING, "nr-secret");
    /** Given through the secrets file, as the local runtime does. */
    static final String FILE_DEPARTMENT = "public-security";
    static final String FILE_SECRET = "ps-secret-from-file";

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Task id → how many more deliveries of it to fail with 503. */
    public static final Map<String, AtomicInteger> FAILURES_TO_COME = new ConcurrentHashMap<>();
    private HttpServer server;

    static String secretOf(String department) {
        return FILE_DEPARTMENT.equals(department) ? FILE_SECRET : SECRETS.get(department);
    }

    @Override
    public Map<String, String> start() {
        createTopics();
        int closedPort;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            try (ServerSocket probe = new ServerSocket(0)) {
                closedPort = probe.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/departments/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            AtomicInteger failures = key == null ? null : FAILURES_TO_COME.get(key);
            int status = failures != null && failures.getAndDecrement() > 0 ? 503 : 202;
            if (exchange.getRequestURI().getPath().startsWith("/departments/" + SLOW + "/")) {
                try {
                    Thread.sleep(SLOW_ANSWER.toMillis()); // a slow department system, not a test waiting
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            RECEIVED.add(new Received(exchange.getRequestURI().getPath(), key, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new HashMap<>();
        config.put("tongban.gateway.default-endpoint", base + "/departments/{department}/tasks");
        config.put("tongban.gateway.delivery.initial-backoff", "PT0.05S");
        config.put("tongban.gateway.delivery.max-attempts", "4");
        config.put("tongban.gateway.departments.\"" + DOWN + "\".endpoint", "http://127.0.0.1:" + closedPort + "/tasks");
        config.put("tongban.gateway.departments.\"" + MAPPED + "\".field-mapping.\"taskId\"", "case_ref");
        config.put("tongban.gateway.departments.\"" + MAPPED + "\".field-mapping.\"inputs.childName\"", "baby_name");
        config.put("tongban.gateway.departments.\"" + MAPPED + "\".field-mapping.\"titleZh\"", "subject.title");
        config.put("tongban.gateway.departments.\"" + CLERK_A + "\".mode", "clerk");
        config.put("tongban.gateway.departments.\"" + CLERK_B + "\".mode", "clerk");
        config.put("tongban.gateway.departments.\"" + KAFKA_NATIVE + "\".mode", "kafka");
        config.put("tongban.gateway.departments.\"" + UNANSWERING + "\".answer-timeout", "PT2S");
        config.put("tongban.gateway.departments.\"" + UNANSWERING + "\".max-deliveries", "3");
        config.put("tongban.gateway.departments.\"" + CLERK_SLOW + "\".mode", "clerk");
        config.put("tongban.gateway.departments.\"" + CLERK_SLOW + "\".answer-timeout", "PT1S");
        config.put("tongban.gateway.departments.\"" + CLERK_SLOW + "\".max-deliveries", "2");
        config.put("tongban.gateway.reconciliation.scan-interval", "1s");
        config.put("tongban.gateway.reconciliation.scan-delay", "1s");
        SECRETS.forEach((dept, secret) -> config.put("tongban.gateway.callback.secrets.\"" + dept + "\"", secret));
        config.put("tongban.gateway.callback.secrets-file", secretsFile().toString());
        return config;
    }

    private static Path secretsFile() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "test-keys"));
            return Files.writeString(dir.resolve("department-secrets.properties"), FILE_DEPARTMENT + "=" + FILE_SECRET + "\n")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createTopics() {
        String bootstrap = TestKafka.bootstrapServers();
        try (Admin admin = TestKafka.admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new java.util.ArrayList<>();
            for (String dept : List.of(MAPPED, DOWN, CLERK_A, CLERK_B, KAFKA_NATIVE, SLOW, UNANSWERING, CLERK_SLOW)) {
                for (String topic : List.of(Topics.tasksOf(dept), Topics.resultsOf(dept))) {
                    if (!existing.contains(topic)) {
                        topics.add(new NewTopic(topic, 2, (short) 1));
                    }
                }
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test departments' topics", e);
        }
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

    public static List<Received> deliveriesStartingWith(String key) {
        return RECEIVED.stream().filter(r -> r.idempotencyKey() != null && r.idempotencyKey().startsWith(key)).toList();
    }
}
