package io.tongban.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.HandOffSignature;
import io.tongban.testsupport.TestEvidence;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
class ResultCallbackSecurityTest {
    static final String DB = GatewayDeliveryTest.DB;

    private static String deliveredTask() {
        String taskId = GatewayDeliveryTest.assign("health");
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        return taskId;
    }

    private static String completion(String taskId) {
        return "{\"taskId\":\"%s\",\"outcome\":\"completed\",\"outputs\":{\"birthCertificateNo\":\"O1\"}}".formatted(taskId);
    }

    private static long answered(String taskId) {
        return DbProbe.count(DB, "select count(*) from delivery where state = 'ANSWERED' and task_id = '" + taskId + "'");
    }

    @Test
    void aCallbackSignedWithAnotherSecretIsRefused() {
        String taskId = deliveredTask();

        Callbacks.post("health", completion(taskId), UUID.randomUUID().toString(), Instant.now(), "guessed-secret")
                .statusCode(401).contentType("application/problem+json");
        assertThat(answered(taskId)).isZero();
    }

    @Test
    void aCallbackWhoseBodyWasChangedAfterSigningIsRefused() {
        String taskId = deliveredTask();
        String signedBody = completion(taskId);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String requestId = UUID.randomUUID().toString();

        given().contentType(ContentType.JSON)
                .header("X-Tongban-Timestamp", timestamp)
                .header("X-Tongban-Request-Id", requestId)
                .header("X-Tongban-Signature", io.tongban.gateway.domain.CallbackSignature.sign(
                        DepartmentSystemStub.secretOf("health"), timestamp, requestId, signedBody))
                .body(signedBody.replace("O1", "FORGED"))
                .post("/api/departments/health/results")
                .then().statusCode(401);
        assertThat(answered(taskId)).isZero();
    }

    @Test
    void anUnsignedCallbackIsRefused() {
        String taskId = deliveredTask();

        given().contentType(ContentType.JSON).body(completion(taskId)).post("/api/departments/health/results")
                .then().statusCode(401).contentType("application/problem+json");
        assertThat(answered(taskId)).isZero();
    }

    @Test
    void aReplayedCallbackIsRefusedEvenWithAValidSignature() {
        String taskId = deliveredTask();
        String requestId = UUID.randomUUID().toString();
        Instant at = Instant.now();
        String secret = DepartmentSystemStub.secretOf("health");

        Callbacks.post("health", completion(taskId), requestId, at, secret).statusCode(200);
        Callbacks.post("health", completion(taskId), requestId, at, secret).statusCode(401);
    }

    @Test
    void aCallbackStampedOutsideTheWindowIsRefused() {
        String taskId = deliveredTask();

        Callbacks.post("health", completion(taskId), UUID.randomUUID().toString(), Instant.now().minus(Duration.ofMinutes(6)),
                DepartmentSystemStub.secretOf("health")).statusCode(401);
        assertThat(answered(taskId)).isZero();
    }

    @Test
    void aDepartmentWhoseSecretComesFromTheSecretsFileIsAccepted() {
        String taskId = GatewayDeliveryTest.assign(DepartmentSystemStub.FILE_DEPARTMENT);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());

        Callbacks.post(DepartmentSystemStub.FILE_DEPARTMENT, completion(taskId)).statusCode(200);
        assertThat(answered(taskId)).isEqualTo(1);
    }

    @Test
    void aCallbackWithoutTheDepartmentsEvidenceSignatureIsRefused() {
        String taskId = deliveredTask();

        Callbacks.postWithEvidence("health", completion(taskId), null).statusCode(401).contentType("application/problem+json");
        assertThat(answered(taskId)).isZero();
    }

    @Test
    void anAnswerSignedWithAnotherDepartmentsEvidenceKeyIsRefused() {
        String taskId = deliveredTask();
        String body = completion(taskId);

        Callbacks.postWithEvidence("health", body, Callbacks.evidenceSignature("tax", body)).statusCode(401);
        assertThat(answered(taskId)).isZero();
    }

    @Test
    void theDepartmentsVerifiedSignatureTravelsOnTheResultEvent() {
        String taskId = deliveredTask();
        String matterId = taskId.substring(0, taskId.indexOf(':'));

        Callbacks.post("health", completion(taskId)).statusCode(200);

        TopicProbe.Seen result = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> TopicProbe.readAllFor(
                TestKafka.bootstrapServers(), matterId, Topics.resultsOf("health")).stream()
                .filter(s -> EventTypes.DEPARTMENT_TASK_COMPLETED.equals(s.header("ce_type"))).findFirst().orElse(null),
                s -> s != null);
        assertThat(result.header(EvidenceHeaders.SIGNER)).isEqualTo("health");
        assertThat(HandOffSignature.verify(TestEvidence.keys().publicKeyOf("health").orElseThrow(),
                HandOff.result(EventTypes.DEPARTMENT_TASK_COMPLETED, result.value()), result.header(EvidenceHeaders.SIGNATURE)))
                .isTrue();
    }
}
