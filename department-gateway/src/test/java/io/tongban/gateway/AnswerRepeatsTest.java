package io.tongban.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A department answers every delivery: repeats are harmless, a different answer is a conflict that names the first. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
class AnswerRepeatsTest {
    private static final String DB = GatewayDeliveryTest.DB;

    private static String deliveredTask() {
        String taskId = GatewayDeliveryTest.assign("medical-insurance");
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());
        return taskId;
    }

    private static List<TopicProbe.Seen> completed(String taskId) {
        return TopicProbe.readAllFor(TestKafka.bootstrapServers(), GatewayDeliveryTest.matterOf(taskId),
                        Topics.resultsOf("medical-insurance")).stream()
                .filter(s -> EventTypes.DEPARTMENT_TASK_COMPLETED.equals(s.header("ce_type"))).toList();
    }

    @Test
    void theAnswerIsDurableWhenTheCallbackIsAnswered() {
        String taskId = deliveredTask();

        Callbacks.post("medical-insurance", """
                {"taskId":"%s","outcome":"completed","outputs":{"insuranceEnrolmentNo":"MI-1"}}""".formatted(taskId))
                .statusCode(200).body("repeat", equalTo(false));

        // no waiting: the 200 came after the commit
        assertThat(DbProbe.count(DB, "select count(*) from delivery where state = 'ANSWERED' and answer like '%MI-1%' "
                + "and task_id = '" + taskId + "'")).isEqualTo(1);
    }

    @Test
    void anIdenticalRepeatedAnswerIsAcknowledgedAndChangesNothing() {
        String taskId = deliveredTask();
        Callbacks.post("medical-insurance", """
                {"taskId":"%s","outcome":"completed","outputs":{"a":"1","insuranceEnrolmentNo":"MI-2"}}""".formatted(taskId))
                .statusCode(200);
        String answeredAt = String.valueOf(DbProbe.count(DB,
                "select extract(epoch from answered_at) * 1000000 from delivery where task_id = '" + taskId + "'"));

        // the same answer, the fields in another order: a repeat
        Callbacks.post("medical-insurance", """
                {"outputs":{"insuranceEnrolmentNo":"MI-2","a":"1"},  "outcome":"completed","taskId":"%s"}""".formatted(taskId))
                .statusCode(200).body("repeat", equalTo(true)).body("state", equalTo("ANSWERED"));

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !completed(taskId).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> completed(taskId).size() == 1);
        assertThat(String.valueOf(DbProbe.count(DB,
                "select extract(epoch from answered_at) * 1000000 from delivery where task_id = '" + taskId + "'")))
                .isEqualTo(answeredAt);
    }

    @Test
    void aDifferentAnswerForAnAnsweredTaskIsAConflictNamingTheRecordedAnswerAndItsTime() {
        String taskId = deliveredTask();
        Callbacks.post("medical-insurance", """
                {"taskId":"%s","outcome":"completed","outputs":{"insuranceEnrolmentNo":"MI-3"}}""".formatted(taskId))
                .statusCode(200);

        Callbacks.post("medical-insurance", """
                        {"taskId":"%s","outcome":"completed","outputs":{"insuranceEnrolmentNo":"MI-4"}}""".formatted(taskId))
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("conflicts with the answer recorded at"))
                .body("recordedOutcome", equalTo("completed"))
                .body("recordedAt", org.hamcrest.Matchers.notNullValue());

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !completed(taskId).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> completed(taskId).size() == 1);
        assertThat(completed(taskId).get(0).value()).contains("MI-3");
    }
}
