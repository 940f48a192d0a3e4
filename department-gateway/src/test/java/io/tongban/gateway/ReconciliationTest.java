package io.tongban.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A delivered task left unanswered: delivered again after the department's answer timeout (PT2S in these tests,
 * 3 deliveries), then reported stalled once; a clerk-queue task (PT1S × 2) is only reported.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
class ReconciliationTest {
    private static final String DB = GatewayDeliveryTest.DB;
    private static final String DEPT = DepartmentSystemStub.UNANSWERING;

    private static List<TopicProbe.Seen> results(String taskId, String department, String type) {
        return TopicProbe.readAllFor(TestKafka.bootstrapServers(), GatewayDeliveryTest.matterOf(taskId),
                Topics.resultsOf(department)).stream().filter(r -> type.equals(r.header("ce_type"))).toList();
    }

    private static List<Map<String, Object>> stalledTasks() {
        return given().auth().oauth2(TestTokens.ops("operator-1")).get("/ops/stalled-tasks").then().statusCode(200)
                .extract().as(new TypeRef<List<Map<String, Object>>>() {
                });
    }

    @Test
    void anUnansweredTaskIsDeliveredAgainWithTheSameKeyThenReportedStalledOnce() {
        String taskId = GatewayDeliveryTest.assign(DEPT);

        List<TopicProbe.Seen> stalled = await().atMost(Waits.upTo(Duration.ofSeconds(120)))
                .until(() -> results(taskId, DEPT, EventTypes.DEPARTMENT_TASK_STALLED), s -> !s.isEmpty());

        assertThat(DepartmentSystemStub.deliveriesOf(taskId)).hasSize(3)
                .allSatisfy(d -> assertThat(d.path()).isEqualTo("/departments/" + DEPT + "/tasks"));
        assertThat(stalled.get(0).value()).contains("\"deliveries\":3").contains(taskId).contains("waitingSince");
        assertThat(results(taskId, DEPT, EventTypes.DEPARTMENT_TASK_RECEIVED)).as("received once, not per delivery").hasSize(1);
        assertThat(stalledTasks()).anySatisfy(t -> {
            assertThat(t).containsEntry("taskId", taskId).containsEntry("department", DEPT).containsEntry("deliveries", 3);
            assertThat(t.get("waitingSince")).isNotNull();
        });
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.containsString("tongban_gateway_stalled_tasks"));
        await().during(Duration.ofSeconds(3)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() ->
                results(taskId, DEPT, EventTypes.DEPARTMENT_TASK_STALLED).size() == 1
                        && DepartmentSystemStub.deliveriesOf(taskId).size() == 3);
    }

    @Test
    void anAnswerToAStalledTaskStillCompletesIt() {
        String taskId = GatewayDeliveryTest.assign(DEPT);
        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> !results(taskId, DEPT, EventTypes.DEPARTMENT_TASK_STALLED).isEmpty());

        Callbacks.post(DEPT, "{\"taskId\":\"%s\",\"outcome\":\"completed\",\"outputs\":{\"n\":\"1\"}}".formatted(taskId))
                .statusCode(200).body("state", equalTo("ANSWERED"));

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !results(taskId, DEPT, EventTypes.DEPARTMENT_TASK_COMPLETED).isEmpty());
        assertThat(stalledTasks()).noneSatisfy(t -> assertThat(t).containsEntry("taskId", taskId));
    }

    @Test
    void anAnswerInTimeStopsTheRedeliveries() {
        String taskId = GatewayDeliveryTest.assign(DEPT);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(taskId).isEmpty());

        Callbacks.post(DEPT, "{\"taskId\":\"%s\",\"outcome\":\"rejected\",\"reason\":\"no such parcel\"}".formatted(taskId))
                .statusCode(200);

        await().during(Duration.ofSeconds(5)).atMost(Waits.upTo(Duration.ofSeconds(60)))
                .until(() -> DepartmentSystemStub.deliveriesOf(taskId).size() == 1);
        assertThat(results(taskId, DEPT, EventTypes.DEPARTMENT_TASK_STALLED)).isEmpty();
    }

    @Test
    void aClerkQueueTaskIsNotDeliveredAgainButReportedStalled() {
        String taskId = GatewayDeliveryTest.assign(DepartmentSystemStub.CLERK_SLOW);

        List<TopicProbe.Seen> stalled = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> results(taskId, DepartmentSystemStub.CLERK_SLOW, EventTypes.DEPARTMENT_TASK_STALLED), s -> !s.isEmpty());

        assertThat(stalled).hasSize(1);
        assertThat(DepartmentSystemStub.deliveriesOf(taskId)).isEmpty();
        assertThat(DbProbe.count(DB, "select count(*) from delivery where state = 'OPEN' and stalled_at is not null and task_id = '"
                + taskId + "'")).isEqualTo(1);
    }

    @Test
    void onlyOperatorsSeeStalledTasks() {
        given().get("/ops/stalled-tasks").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.clerk("clerk-1", DepartmentSystemStub.CLERK_SLOW)).get("/ops/stalled-tasks").then()
                .statusCode(403);
    }
}
