package io.tongban.status;

import static io.restassured.RestAssured.given;
import static io.tongban.status.ProgressProjectionTest.progress;
import static io.tongban.status.ProgressProjectionTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskStalled;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A task its department took but never answered (TaskStalled) is never silent: the applicant's progress says whom
 * they wait for and since when, ops list it by department, a gauge counts it; the task's answer clears all three.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
class StalledTasksTest {
    private static final Instant DISPATCHED = Instant.parse("2026-11-27T02:00:00Z");

    private static String department() {
        return "slow-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A matter with one task at the department, dispatched and reported stalled (sequence 3). */
    private static String stalledMatter(String department) {
        String id = UUID.randomUUID().toString();
        publish(Topics.WORKFLOW, id, new MatterAccepted(id, 1, "newborn", 1, ProgressProjectionTest.OWNER, "t", "t",
                DISPATCHED, DISPATCHED, List.of(new MatterAccepted.PlannedTask("check", department, "t", "t", List.of(), 1))));
        publish(Topics.WORKFLOW, id, new TaskDispatched(id, 2, id + ":check", "check", department, List.of(), DISPATCHED,
                DISPATCHED.plus(Duration.ofDays(1))));
        publish(Topics.WORKFLOW, id, new TaskStalled(id, 3, id + ":check", "check", department, 4, DISPATCHED,
                DISPATCHED.plus(Duration.ofHours(2))));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> ProgressProjectionTest.hasProgress(id)
                && progress(id).getLong("lastSequence") == 3);
        return id;
    }

    private static void answer(String id, String department) {
        publish(Topics.WORKFLOW, id, new TaskCompleted(id, 4, id + ":check", "check", department, Map.of(),
                DISPATCHED.plus(Duration.ofHours(3)), false));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> progress(id).getLong("lastSequence") == 4);
    }

    private static String stalledGauge(String department) {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith("tongban_tasks_stalled{") && l.contains("department=\"" + department + "\""))
                .findFirst().orElse("");
    }

    @Test
    void theApplicantSeesWhomTheTaskWaitsForAndSinceWhen() {
        String department = department();
        String id = stalledMatter(department);

        JsonPath view = progress(id);
        assertThat(view.getString("tasks[0].state")).isEqualTo("DISPATCHED");
        assertThat(Instant.parse(view.getString("tasks[0].stalledSince"))).isEqualTo(DISPATCHED);
        assertThat(view.getString("tasks[0].waitingNote")).isEqualTo("waiting for " + department
                + " since 2026-11-27 10:00 +08:00");
        assertThat(view.getList("timeline.type", String.class)).contains(EventTypes.TASK_STALLED);
    }

    @Test
    void theAnswerClearsTheStall() {
        String department = department();
        String id = stalledMatter(department);

        answer(id, department);

        JsonPath view = progress(id);
        assertThat(view.getString("tasks[0].state")).isEqualTo("COMPLETED");
        assertThat(view.getString("tasks[0].stalledSince")).isNull();
        assertThat(view.getString("tasks[0].waitingNote")).isNull();
    }

    @Test
    void opsListStalledTasksByDepartmentAndAGaugeCountsThemUntilAnswered() {
        String department = department();
        String id = stalledMatter(department);

        JsonPath stalled = given().auth().oauth2(TestTokens.ops("op-1")).get("/api/ops/stalled-tasks")
                .then().statusCode(200).extract().jsonPath();
        String d = "find { it.department == '" + department + "' }";
        assertThat(stalled.getInt(d + ".count")).isEqualTo(1);
        assertThat(stalled.getString(d + ".tasks[0].matterId")).isEqualTo(id);
        assertThat(stalled.getInt(d + ".tasks[0].deliveries")).isEqualTo(4);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> stalledGauge(department).endsWith(" 1.0"));

        answer(id, department);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> stalledGauge(department).endsWith(" 0.0"));
        given().auth().oauth2(TestTokens.ops("op-1")).get("/api/ops/stalled-tasks").then().statusCode(200)
                .extract().jsonPath().getList("department", String.class).forEach(dep -> assertThat(dep).isNotEqualTo(department));
    }

    @Test
    void onlyOperatorsSeeStalledTasks() {
        given().auth().oauth2(TestTokens.applicant("a-1")).get("/api/ops/stalled-tasks").then().statusCode(403);
    }
}
