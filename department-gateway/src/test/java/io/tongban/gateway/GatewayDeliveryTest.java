package io.tongban.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
class GatewayDeliveryTest {
    static final String DB = "gateway_test";

    static String assign(String department) {
        String matterId = UUID.randomUUID().toString();
        String taskId = matterId + ":birth-certificate";
        String data = """
                {"taskId":"%s","matterId":"%s","matterType":"newborn","taskKey":"birth-certificate",
                 "department":"%s","titleZh":"签发出生医学证明","titleEn":"Issue the birth medical certificate",
                 "inputs":{"childName":"王小明"},"outputs":["birthCertificateNo"],"assignedAt":"%s"}"""
                .formatted(taskId, matterId, department, Instant.now());
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.tasksOf(department), matterId, data,
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_ASSIGNED, matterId));
        return taskId;
    }

    static String matterOf(String taskId) {
        return taskId.substring(0, taskId.indexOf(':'));
    }

    @Test
    void aTaskIsDeliveredWithItsIdempotencyKeyAndReportedReceived() {
        String taskId = assign("health");

        await().atMost(Duration.ofSeconds(20)).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        DepartmentSystemStub.Received delivery = DepartmentSystemStub.deliveriesOf(taskId).get(0);
        assertThat(delivery.path()).isEqualTo("/departments/health/tasks");
        assertThat(delivery.body()).contains("\"childName\":\"王小明\"");

        List<TopicProbe.Seen> results = await().atMost(Duration.ofSeconds(20)).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterOf(taskId), Topics.resultsOf("health")),
                r -> !r.isEmpty());
        assertThat(results.get(0).header("ce_type")).isEqualTo(EventTypes.DEPARTMENT_TASK_RECEIVED);
    }

    @Test
    void aDepartmentThatFailsTwiceGetsTheTaskOnTheThirdTryWithOneEffectiveDelivery() {
        String matterId = UUID.randomUUID().toString();
        DepartmentSystemStub.FAILURES_TO_COME.put(matterId + ":birth-certificate", new AtomicInteger(2));
        // the stub keys on the task id, so register before the task exists
        String taskId = assignWithMatter("public-security", matterId);

        await().atMost(Duration.ofSeconds(20)).until(
                () -> DepartmentSystemStub.deliveriesOf(taskId).stream().anyMatch(r -> r.status() == 202));
        assertThat(DepartmentSystemStub.deliveriesOf(taskId)).extracting(DepartmentSystemStub.Received::status)
                .containsExactly(503, 503, 202);
        await().until(() -> DbProbe.count(DB, "select count(*) from delivery where state = 'DELIVERED' and task_id = '"
                + taskId + "' and attempts = 3") == 1);
    }

    @Test
    void theSameTaskTwiceOnTheTopicIsDeliveredOnce() {
        String matterId = UUID.randomUUID().toString();
        String taskId = assignWithMatter("health", matterId);
        assignWithMatter("health", matterId);

        await().atMost(Duration.ofSeconds(20)).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> DepartmentSystemStub.deliveriesOf(taskId).size() == 1);
    }

    @Test
    void aCompletedAnswerIsPublishedOnTheResultTopicOnce() {
        String taskId = assign("medical-insurance");
        await().atMost(Duration.ofSeconds(20)).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        String answer = """
                {"taskId":"%s","outcome":"completed","outputs":{"insuranceEnrolmentNo":"MI-7"}}""".formatted(taskId);

        given().contentType(ContentType.JSON).body(answer).post("/api/departments/medical-insurance/results")
                .then().statusCode(200).body("state", equalTo("ANSWERED"));
        given().contentType(ContentType.JSON).body(answer).post("/api/departments/medical-insurance/results")
                .then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"taskId\":\"%s\",\"outcome\":\"rejected\",\"reason\":\"late change\"}".formatted(taskId))
                .post("/api/departments/medical-insurance/results")
                .then().statusCode(409).contentType("application/problem+json");

        List<TopicProbe.Seen> completed = await().atMost(Duration.ofSeconds(20)).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterOf(taskId), Topics.resultsOf("medical-insurance"))
                        .stream().filter(s -> EventTypes.DEPARTMENT_TASK_COMPLETED.equals(s.header("ce_type"))).toList(),
                c -> !c.isEmpty());
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).value()).contains("MI-7");
    }

    @Test
    void anAnswerForAnotherDepartmentsTaskOrAnUnknownTaskIsNotFound() {
        String taskId = assign("health");
        await().atMost(Duration.ofSeconds(20)).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());

        given().contentType(ContentType.JSON)
                .body("{\"taskId\":\"%s\",\"outcome\":\"completed\",\"outputs\":{}}".formatted(taskId))
                .post("/api/departments/public-security/results")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"taskId\":\"nope\",\"outcome\":\"completed\"}")
                .post("/api/departments/health/results")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"taskId\":\"%s\",\"outcome\":\"maybe\"}".formatted(taskId))
                .post("/api/departments/health/results")
                .then().statusCode(422);
        assertThat(DbProbe.count(DB, "select count(*) from delivery where task_id = '" + taskId + "' and state = 'ANSWERED'"))
                .isZero();
    }

    private static String assignWithMatter(String department, String matterId) {
        String taskId = matterId + ":birth-certificate";
        String data = """
                {"taskId":"%s","matterId":"%s","matterType":"newborn","taskKey":"birth-certificate",
                 "department":"%s","titleZh":"t","titleEn":"t","inputs":{},"outputs":["birthCertificateNo"],
                 "assignedAt":"%s"}""".formatted(taskId, matterId, department, Instant.now());
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.tasksOf(department), matterId, data,
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_ASSIGNED, matterId));
        return taskId;
    }
}
