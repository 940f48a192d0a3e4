package io.tongban.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.testsupport.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.HandOffSignature;
import io.tongban.testsupport.TestEvidence;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = HttpModeSigningTest.GatewayCallbackStub.class, restrictToAnnotatedClass = true)
class HttpModeSigningTest {
    record Callback(String path, String timestamp, String requestId, String signature, String evidenceSignature, String body,
                    int status, long atNanos) {
    }

    static final List<Callback> CALLBACKS = new CopyOnWriteArrayList<>();
    /** A task id in the callback body → the statuses the stub answers its next callbacks with (then 200). */
    static final Map<String, Queue<Integer>> REFUSALS = new ConcurrentHashMap<>();

    /** A real HTTP server standing in for the gateway's callback endpoint. */
    public static class GatewayCallbackStub implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/api/departments/", exchange -> {
                var h = exchange.getRequestHeaders();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = REFUSALS.entrySet().stream().filter(e -> body.contains(e.getKey())).findFirst()
                        .map(e -> e.getValue().poll()).orElse(200);
                CALLBACKS.add(new Callback(exchange.getRequestURI().getPath(), h.getFirst("X-Tongban-Timestamp"),
                        h.getFirst("X-Tongban-Request-Id"), h.getFirst("X-Tongban-Signature"),
                        h.getFirst(EvidenceHeaders.HTTP_SIGNATURE), body, status, System.nanoTime()));
                if (status == 503) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return Map.of("tongban.simulator.gateway-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "tongban.simulator.secrets.health", "health-secret", "tongban.simulator.mode", "http",
                    "tongban.simulator.supplement-rate", "0", "tongban.simulator.reject-rate", "0",
                    "tongban.evidence.keys-dir", TestEvidence.folder().toString());
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    @Test
    void answersGoToTheGatewayCallbackSignedWithTheDepartmentsSecret() throws Exception {
        String matterId = UUID.randomUUID().toString();
        String taskId = matterId + ":birth-certificate";
        given().contentType(ContentType.JSON).body("""
                        {"taskId":"%s","matterId":"%s","matterType":"newborn","taskKey":"birth-certificate",
                         "department":"health","titleZh":"t","titleEn":"t","inputs":{},"outputs":["birthCertificateNo"],
                         "assignedAt":"%s"}""".formatted(taskId, matterId, Instant.now()))
                .post("/departments/health/tasks").then().statusCode(202);

        Callback callback = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> CALLBACKS.stream().filter(c -> c.body().contains(taskId)).findFirst().orElse(null), c -> c != null);
        assertThat(callback.path()).isEqualTo("/api/departments/health/results");
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(callback.timestamp()))).isLessThan(60);
        assertThat(callback.requestId()).isNotBlank();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("health-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(
                (callback.timestamp() + "." + callback.requestId() + "." + callback.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(callback.signature()).isEqualTo(expected);
        assertThat(callback.body()).contains("\"outcome\":\"completed\"");
    }

    @Test
    void answersCarryTheDepartmentsEvidenceSignature() {
        String matterId = UUID.randomUUID().toString();
        String taskId = matterId + ":birth-certificate";
        given().contentType(ContentType.JSON).body("""
                        {"taskId":"%s","matterId":"%s","matterType":"newborn","taskKey":"birth-certificate",
                         "department":"health","titleZh":"t","titleEn":"t","inputs":{},"outputs":["birthCertificateNo"],
                         "assignedAt":"%s"}""".formatted(taskId, matterId, Instant.now()))
                .post("/departments/health/tasks").then().statusCode(202);

        Callback callback = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> CALLBACKS.stream().filter(c -> c.body().contains(taskId)).findFirst().orElse(null), c -> c != null);
        assertThat(HandOffSignature.verify(TestEvidence.keys().publicKeyOf("health").orElseThrow(),
                HandOff.answer(matterId, "health", callback.body()), callback.evidenceSignature())).isTrue();
    }
}
