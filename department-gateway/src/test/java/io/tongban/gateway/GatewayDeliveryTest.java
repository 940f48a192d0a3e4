package io.tongban.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
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

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        DepartmentSystemStub.Received delivery = DepartmentSystemStub.deliveriesOf(taskId).get(0);
        assertThat(delivery.path()).isEqualTo("/departments/health/tasks");
        assertThat(delivery.body()).contains("\"childName\":\"王小明\"");

        List<TopicProbe.Seen> results = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
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

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
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

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(60)))
                .until(() -> DepartmentSystemStub.deliveriesOf(taskId).size() == 1);
    }

    @Test
    void aCompletedAnswerIsPublishedOnTheResultTopicOnce() {
        String taskId = assign("medical-insurance");
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        String answer = """
                {"taskId":"%s","outcome":"completed","outputs":{"insuranceEnrolmentNo":"MI-7"}}""".formatted(taskId);

        Callbacks.post("medical-insurance", answer).statusCode(200).body("state", equalTo("ANSWERED"));
        Callbacks.post("medical-insurance", answer).statusCode(200);
        Callbacks.post("medical-insurance",
                        "{\"taskId\":\"%s\",\"outcome\":\"rejected\",\"reason\":\"late change\"}".formatted(taskId))
                .statusCode(409).contentType("application/problem+json");

        List<TopicProbe.Seen> completed = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterOf(taskId), Topics.resultsOf("medical-insurance"))
                        .stream().filter(s -> EventTypes.DEPARTMENT_TASK_COMPLETED.equals(s.header("ce_type"))).toList(),
                c -> !c.isEmpty());
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).value()).contains("MI-7");
    }

    @Test
    void anAnswerForAnotherDepartmentsTaskOrAnUnknownTaskIsNotFound() {
        String taskId = assign("health");
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());

        Callbacks.post("public-security", "{\"taskId\":\"%s\",\"outcome\":\"completed\",\"outputs\":{}}".formatted(taskId))
                .statusCode(404).contentType("application/problem+json");
        Callbacks.post("health", "{\"taskId\":\"nope\",\"outcome\":\"completed\"}").statusCode(404);
        Callbacks.post("health", "{\"taskId\":\"%s\",\"outcome\":\"maybe\"}".formatted(taskId)).statusCode(422);
        assertThat(DbProbe.count(DB, "select count(*) from delivery where task_id = '" + taskId + "' and state = 'ANSWERED'"))
                .isZero();
    }

    @Test
    void aMappedDepartmentReceivesOnlyItsOwnFieldNames() throws Exception {
        String taskId = assign(DepartmentSystemStub.MAPPED);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        JsonNode body = EventJson.mapper().readTree(DepartmentSystemStub.deliveriesOf(taskId).get(0).body());
        assertThat(body.path("case_ref").asText()).isEqualTo(taskId);
        assertThat(body.path("baby_name").asText()).isEqualTo("王小明");
        assertThat(body.path("subject").path("title").asText()).isEqualTo("签发出生医学证明");
        assertThat(body.has("inputs")).as("unmapped fields are not sent").isFalse();
        assertThat(body.has("matterType")).isFalse();
    }

    @Test
    void aDepartmentThatIsDownEndsInTheDeadLetterAndTheMatterShowsDeliveryFailed() {
        String taskId = assign(DepartmentSystemStub.DOWN);
        String matterId = matterOf(taskId);

        List<TopicProbe.Seen> failed = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.resultsOf(DepartmentSystemStub.DOWN))
                        .stream().filter(s -> EventTypes.DEPARTMENT_TASK_DELIVERY_FAILED.equals(s.header("ce_type"))).toList(),
                f -> !f.isEmpty());
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).value()).contains("\"attempts\":4").contains(taskId);
        List<TopicProbe.Seen> deadLetters = TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId,
                "tongban.dept.tasks.dlq.department-gateway");
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).header("ce_type")).isEqualTo(EventTypes.DEPARTMENT_TASK_ASSIGNED);
        assertThat(deadLetters.get(0).value()).contains(taskId);
        assertThat(deadLetters.get(0).header("dead-letter-reason")).contains("failed after");
        assertThat(DbProbe.count(DB, "select count(*) from delivery where state = 'FAILED' and attempts = 4 and task_id = '"
                + taskId + "'")).isEqualTo(1);
    }

    @Test
    void aKafkaNativeDepartmentsTasksAreLeftToTheDepartment() {
        String taskId = assign(DepartmentSystemStub.KAFKA_NATIVE);
        String marker = assign("health");

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(marker).isEmpty());
        assertThat(DbProbe.count(DB, "select count(*) from delivery where task_id = '" + taskId + "'")).isZero();
        assertThat(DepartmentSystemStub.deliveriesOf(taskId)).isEmpty();
    }

    @Test
    void aSupplementAndACancellationOfADeliveredTaskAreDeliveredToo() {
        String taskId = assign("health");
        String matterId = matterOf(taskId);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(DB,
                "select count(*) from delivery where state = 'DELIVERED' and task_id = '" + taskId + "'") == 1);
        Callbacks.post("health", """
                {"taskId":"%s","outcome":"supplement-needed","items":[{"kind":"field","name":"childName","reason":"illegible"}]}"""
                .formatted(taskId)).statusCode(200).body("state", equalTo("AWAITING_SUPPLEMENT"));

        TopicProbe.write(TestKafka.bootstrapServers(), Topics.tasksOf("health"), matterId, """
                        {"taskId":"%s","matterId":"%s","department":"health","inputs":{"childName":"王小明"},
                         "supplementedAt":"%s"}""".formatted(taskId, matterId, Instant.now()),
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_SUPPLEMENTED, matterId));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId + "/supplement").isEmpty());
        assertThat(DepartmentSystemStub.deliveriesOf(taskId + "/supplement").get(0).path())
                .isEqualTo("/departments/health/tasks/" + taskId + "/supplement");

        TopicProbe.write(TestKafka.bootstrapServers(), Topics.tasksOf("health"), matterId, """
                        {"taskId":"%s","matterId":"%s","department":"health","reason":"withdrawn","cancelledAt":"%s"}"""
                        .formatted(taskId, matterId, Instant.now()),
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_CANCELLED, matterId));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(DB,
                "select count(*) from delivery where state = 'CANCELLED' and task_id = '" + taskId + "'") == 1);
        assertThat(DepartmentSystemStub.deliveriesOf(taskId + "/cancellation")).hasSize(1);
    }

    @Test
    void aSlowDepartmentsBacklogDoesNotHoldUpAnotherDepartment() {
        List<String> slowTasks = java.util.stream.IntStream.range(0, 12)
                .mapToObj(i -> assign(DepartmentSystemStub.SLOW)).toList();
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(DB,
                "select count(*) from delivery where state = 'SENDING' and department = 'housing'") > 0);

        String other = assign("health");
        await().atMost(DepartmentSystemStub.SLOW_ANSWER.minusMillis(500))
                .until(() -> !DepartmentSystemStub.deliveriesOf(other).isEmpty());
        assertThat(DbProbe.count(DB, "select count(*) from delivery where state = 'SENDING' and department = 'housing'"))
                .as("in flight to the slow department, at most its per-department limit").isBetween(1L, 8L);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> slowTasks.stream()
                .allMatch(t -> DepartmentSystemStub.deliveriesOf(t).size() == 1));
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
