package io.tongban.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/** The department contract in HTTP mode: every delivery is answered the same way; a refused callback is sent again. */
@QuarkusTest
@QuarkusTestResource(value = HttpModeSigningTest.GatewayCallbackStub.class, restrictToAnnotatedClass = true)
class HttpModeAnswersTest {

    private static String deliver(String matterId) {
        String taskId = matterId + ":birth-certificate";
        given().contentType(ContentType.JSON).body("""
                        {"taskId":"%s","matterId":"%s","matterType":"newborn","taskKey":"birth-certificate",
                         "department":"health","titleZh":"t","titleEn":"t","inputs":{},"outputs":["birthCertificateNo"],
                         "assignedAt":"%s"}""".formatted(taskId, matterId, Instant.now()))
                .post("/departments/health/tasks").then().statusCode(202);
        return taskId;
    }

    private static List<HttpModeSigningTest.Callback> callbacksOf(String taskId) {
        return HttpModeSigningTest.CALLBACKS.stream().filter(c -> c.body().contains(taskId)).toList();
    }

    @Test
    void aRepeatedDeliveryOfAnAnsweredTaskIsAnsweredAgainWithTheSameAnswer() {
        String taskId = deliver(UUID.randomUUID().toString());
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> callbacksOf(taskId).size() == 1);

        deliver(taskId.substring(0, taskId.indexOf(':')));

        List<HttpModeSigningTest.Callback> callbacks = await().atMost(Waits.upTo(Duration.ofSeconds(60)))
                .until(() -> callbacksOf(taskId), c -> c.size() == 2);
        assertThat(callbacks.get(1).body()).isEqualTo(callbacks.get(0).body());
        assertThat(callbacks.get(1).requestId()).isNotEqualTo(callbacks.get(0).requestId());
    }

    @Test
    void aCallbackTheGatewayDoesNotTakeIsSentAgainHonouringRetryAfterUntilItIsTaken() {
        String matterId = UUID.randomUUID().toString();
        String taskId = matterId + ":birth-certificate";
        HttpModeSigningTest.REFUSALS.put(taskId, new ConcurrentLinkedQueue<>(List.of(503, 500, 502)));

        deliver(matterId);

        List<HttpModeSigningTest.Callback> callbacks = await().atMost(Waits.upTo(Duration.ofSeconds(60)))
                .until(() -> callbacksOf(taskId), c -> c.stream().anyMatch(x -> x.status() == 200));
        assertThat(callbacks).extracting(HttpModeSigningTest.Callback::status).containsExactly(503, 500, 502, 200);
        assertThat(callbacks).extracting(HttpModeSigningTest.Callback::body).containsOnly(callbacks.get(0).body());
        // the 503 said Retry-After: 1
        assertThat(Duration.ofNanos(callbacks.get(1).atNanos() - callbacks.get(0).atNanos())).isGreaterThanOrEqualTo(
                Duration.ofMillis(950));
        await().during(Duration.ofSeconds(1)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> callbacksOf(taskId).size() == 4);
    }

    @Test
    void anAnswerRefusedAsMalformedIsNotSentAgain() {
        String matterId = UUID.randomUUID().toString();
        String taskId = matterId + ":birth-certificate";
        HttpModeSigningTest.REFUSALS.put(taskId, new ConcurrentLinkedQueue<>(List.of(422)));

        deliver(matterId);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> callbacksOf(taskId).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> callbacksOf(taskId).size() == 1);
    }
}
