package io.tongban.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.TestEvidence;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.HandOffSignature;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
class ClerkQueueTest {
    static final String A = DepartmentSystemStub.CLERK_A;
    static final String B = DepartmentSystemStub.CLERK_B;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String queued(String department) {
        String taskId = GatewayDeliveryTest.assign(department);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(GatewayDeliveryTest.DB,
                "select count(*) from delivery where state = 'OPEN' and task_id = '" + taskId + "'") == 1);
        return taskId;
    }

    private static List<String> resultTypes(String taskId, String department) {
        return TopicProbe.readAllFor(TestKafka.bootstrapServers(), GatewayDeliveryTest.matterOf(taskId),
                Topics.resultsOf(department)).stream().map(s -> s.header("ce_type")).toList();
    }

    @Test
    void aClerkClaimsAndCompletesATaskAndTheResultIsPublished() {
        String taskId = queued(A);
        String clerk = TestTokens.clerk("clerk-1", A);

        as(clerk).get("/api/clerk/tasks?state=open").then().statusCode(200)
                .body("taskId", hasItem(taskId));
        as(clerk).post("/api/clerk/tasks/" + taskId + "/claim").then().statusCode(200)
                .body("state", equalTo("CLAIMED")).body("claimedBy", equalTo("clerk-1"))
                .body("inputs.childName", equalTo("王小明"));
        as(clerk).get("/api/clerk/tasks?state=open").then().statusCode(200).body("taskId", not(hasItem(taskId)));
        as(clerk).body("{\"outputs\":{\"birthCertificateNo\":\"O7\"}}").post("/api/clerk/tasks/" + taskId + "/complete")
                .then().statusCode(200).body("state", equalTo("ANSWERED"));

        List<String> types = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> resultTypes(taskId, A),
                t -> t.contains(EventTypes.DEPARTMENT_TASK_COMPLETED));
        assertThat(types).containsExactly(EventTypes.DEPARTMENT_TASK_RECEIVED, EventTypes.DEPARTMENT_TASK_COMPLETED);
    }

    @Test
    void aClerkMustClaimBeforeAnsweringAndCannotTakeAnotherClerksTask() {
        String taskId = queued(A);
        as(TestTokens.clerk("clerk-1", A)).body("{\"reason\":\"no\"}").post("/api/clerk/tasks/" + taskId + "/reject")
                .then().statusCode(409);
        as(TestTokens.clerk("clerk-1", A)).post("/api/clerk/tasks/" + taskId + "/claim").then().statusCode(200);

        as(TestTokens.clerk("clerk-2", A)).post("/api/clerk/tasks/" + taskId + "/claim").then().statusCode(409);
        as(TestTokens.clerk("clerk-2", A)).body("{\"reason\":\"no\"}").post("/api/clerk/tasks/" + taskId + "/reject")
                .then().statusCode(409);
        as(TestTokens.clerk("clerk-1", A)).body("{\"reason\":\"证明材料不全\"}").post("/api/clerk/tasks/" + taskId + "/reject")
                .then().statusCode(200).body("outcome", equalTo("rejected"));
    }

    @Test
    void aClerkOfAnotherDepartmentNeitherSeesNorTouchesTheTask() {
        String taskId = queued(A);
        String clerkOfB = TestTokens.clerk("clerk-b", B);

        as(clerkOfB).get("/api/clerk/tasks").then().statusCode(200).body("taskId", not(hasItem(taskId)));
        as(clerkOfB).post("/api/clerk/tasks/" + taskId + "/claim").then().statusCode(404)
                .contentType("application/problem+json");
        as(clerkOfB).body("{\"outputs\":{}}").post("/api/clerk/tasks/" + taskId + "/complete").then().statusCode(404);
        assertThat(DbProbe.count(GatewayDeliveryTest.DB,
                "select count(*) from delivery where state = 'OPEN' and task_id = '" + taskId + "'")).isEqualTo(1);
    }

    @Test
    void onlyClerksMayUseTheWorkQueue() {
        given().get("/api/clerk/tasks").then().statusCode(401);
        as(TestTokens.applicant("applicant-1")).get("/api/clerk/tasks").then().statusCode(403);
        as(TestTokens.ops("ops-1")).post("/api/clerk/tasks/x/claim").then().statusCode(403);
    }

    @Test
    void aSupplementRequestClosesTheTaskUntilTheSupplementReopensIt() {
        String taskId = queued(A);
        String matterId = GatewayDeliveryTest.matterOf(taskId);
        String clerk = TestTokens.clerk("clerk-1", A);
        as(clerk).post("/api/clerk/tasks/" + taskId + "/claim").then().statusCode(200);

        as(clerk).body("{\"items\":[{\"kind\":\"material\",\"name\":\"marriageCertificate\",\"reason\":\"unreadable scan\"}]}")
                .post("/api/clerk/tasks/" + taskId + "/supplement").then().statusCode(200)
                .body("state", equalTo("AWAITING_SUPPLEMENT"));
        as(clerk).get("/api/clerk/tasks").then().body("taskId", not(hasItem(taskId)));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> resultTypes(taskId, A)
                .contains(EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED));

        TopicProbe.write(TestKafka.bootstrapServers(), Topics.tasksOf(A), matterId, """
                        {"taskId":"%s","matterId":"%s","department":"%s","inputs":{"childName":"王小明","scan":"v2"},
                         "supplementedAt":"%s"}""".formatted(taskId, matterId, A, Instant.now()),
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_SUPPLEMENTED, matterId));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(GatewayDeliveryTest.DB,
                "select count(*) from delivery where state = 'OPEN' and task_id = '" + taskId + "'") == 1);
        as(clerk).post("/api/clerk/tasks/" + taskId + "/claim").then().statusCode(200).body("inputs.scan", equalTo("v2"));
    }

    @Test
    void aCancelledTaskDisappearsFromTheQueue() {
        String taskId = queued(A);
        String matterId = GatewayDeliveryTest.matterOf(taskId);

        TopicProbe.write(TestKafka.bootstrapServers(), Topics.tasksOf(A), matterId, """
                        {"taskId":"%s","matterId":"%s","department":"%s","reason":"withdrawn","cancelledAt":"%s"}"""
                        .formatted(taskId, matterId, A, Instant.now()),
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_CANCELLED, matterId));

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).untilAsserted(() -> as(TestTokens.clerk("clerk-1", A))
                .get("/api/clerk/tasks").then().body("taskId", not(hasItem(taskId))));
        as(TestTokens.clerk("clerk-1", A)).post("/api/clerk/tasks/" + taskId + "/claim").then().statusCode(409);
    }

    @Test
    void aClerksAnswerIsSignedWithTheDepartmentsEvidenceKeyHeldForItsClerks() {
        TestEvidence.keys().generateMissing(List.of(A));
        String taskId = queued(A);
        String clerk = TestTokens.clerk("clerk-2", A);
        as(clerk).post("/api/clerk/tasks/" + taskId + "/claim").then().statusCode(200);

        as(clerk).body("{\"outputs\":{\"birthCertificateNo\":\"O8\"}}").post("/api/clerk/tasks/" + taskId + "/complete")
                .then().statusCode(200);

        TopicProbe.Seen result = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> TopicProbe.readAllFor(
                        TestKafka.bootstrapServers(), GatewayDeliveryTest.matterOf(taskId), Topics.resultsOf(A)).stream()
                .filter(s -> EventTypes.DEPARTMENT_TASK_COMPLETED.equals(s.header("ce_type"))).findFirst().orElse(null),
                s -> s != null);
        assertThat(result.header(EvidenceHeaders.SIGNER)).isEqualTo(A);
        assertThat(HandOffSignature.verify(TestEvidence.keys().publicKeyOf(A).orElseThrow(),
                HandOff.result(EventTypes.DEPARTMENT_TASK_COMPLETED, result.value()), result.header(EvidenceHeaders.SIGNATURE)))
                .isTrue();
    }
}
