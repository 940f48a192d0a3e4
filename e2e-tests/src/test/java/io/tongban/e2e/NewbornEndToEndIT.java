package io.tongban.e2e;

import static io.restassured.RestAssured.given;
import static io.tongban.e2e.LocalPlatform.simulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tongban.testsupport.Waits;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The four services, the simulator, a real Kafka broker and a real PostgreSQL, each its own process,
 * started by the local runtime script exactly as the README's first command does.
 */
class NewbornEndToEndIT {
    static final LocalPlatform PLATFORM = new LocalPlatform();
    static final String NEWBORN = LocalPlatform.NEWBORN_REQUEST;

    static String applicantToken;

    @BeforeAll
    static void startPlatform() {
        PLATFORM.run("up");
        applicantToken = PLATFORM.token("e2e-applicant", "applicant");
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.run("stop");
    }

    static String submit(String idempotencyKey) {
        return given().baseUri("http://127.0.0.1:" + LocalPlatform.INTAKE_PORT).auth().oauth2(applicantToken)
                .contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(NEWBORN)
                .post("/api/matters")
                .then().statusCode(202).extract().path("matterId");
    }

    static JsonPath progress(String matterId) {
        return given().baseUri("http://127.0.0.1:" + LocalPlatform.STATUS_PORT).auth().oauth2(applicantToken)
                .get("/api/matters/" + matterId + "/progress").then().extract().jsonPath();
    }

    static String stateOf(String matterId) {
        return LocalPlatform.stateOf(matterId, applicantToken);
    }

    @Test
    void aNewbornMatterCompletesWithEachDepartmentsNumberPassedToTheNext() {
        String matterId = submit(UUID.randomUUID().toString());

        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> "COMPLETED".equals(stateOf(matterId)));

        JsonPath seen = simulator("/simulator/tasks?matterId=" + matterId);
        Map<String, Object> health = task(seen, "birth-certificate");
        Map<String, Object> police = task(seen, "household-registration");
        Map<String, Object> insurance = task(seen, "medical-insurance");
        assertThat(input(police, "birthCertificateNo")).isEqualTo(output(health, "birthCertificateNo")).isNotNull();
        assertThat(input(insurance, "householdRegistrationNo")).isEqualTo(output(police, "householdRegistrationNo"))
                .isNotNull();
        assertThat(inputs(health)).doesNotContainKeys("motherIdCard", "fatherIdCard");

        JsonPath view = progress(matterId);
        assertThat(view.getList("tasks.state")).containsOnly("COMPLETED");
        // submitted, accepted, dispatched + completed per task, completed: the count follows the catalogue's version
        int tasks = view.getList("tasks").size();
        assertThat(tasks).isGreaterThanOrEqualTo(3);
        assertThat(view.getList("timeline.at")).hasSize(2 * tasks + 3).doesNotContainNull();
        assertThat(view.getString("tasks.find { it.taskKey == 'medical-insurance' }.outputs.insuranceEnrolmentNo"))
                .isEqualTo(output(insurance, "insuranceEnrolmentNo"));
    }

    @Test
    void theSameRequestTwiceWithOneIdempotencyKeyMakesOneMatter() {
        String key = UUID.randomUUID().toString();
        String first = submit(key);
        String second = submit(key);

        assertThat(second).isEqualTo(first);
        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> "COMPLETED".equals(stateOf(first)));
        assertThat(simulator("/simulator/tasks?matterId=" + first).getList("$")).hasSize(plannedTasks(first));
    }

    @Test
    void killingTheOrchestratorMidRunLosesNothingAndSendsNoTaskTwice() throws Exception {
        List<String> matters = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            matters.add(submit(UUID.randomUUID().toString()));
        }
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() ->
                simulator("/simulator/deliveries").getInt("distinct") > 0);

        PLATFORM.run("kill", "orchestrator");
        PLATFORM.run("start", "orchestrator");

        await().atMost(Waits.upTo(Duration.ofSeconds(240))).until(() ->
                matters.stream().allMatch(id -> "COMPLETED".equals(stateOf(id))));
        JsonPath deliveries = simulator("/simulator/deliveries");
        assertThat(deliveries.getList("duplicated")).isEmpty();
        assertThat(deliveries.getInt("total")).isEqualTo(deliveries.getInt("distinct"));
        for (String id : matters) {
            assertThat(simulator("/simulator/tasks?matterId=" + id).getList("$")).hasSize(plannedTasks(id));
        }
    }

    @Test
    void logsNeverContainAFullIdCardNumber() throws Exception {
        String matterId = submit(UUID.randomUUID().toString());
        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> "COMPLETED".equals(stateOf(matterId)));

        for (String component : List.of("intake-service", "orchestrator", "department-gateway", "status-service",
                "department-simulator")) {
            assertThat(Files.readString(PLATFORM.logOf(component)))
                    .as("log of %s", component)
                    .doesNotContain("11010519491231002X")
                    .doesNotContain("110105194912310038");
        }
    }

    /** How many department tasks the matter's definition version planned (the status service's view). */
    static int plannedTasks(String matterId) {
        return progress(matterId).getList("tasks").size();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> task(JsonPath seen, String taskKey) {
        List<Map<String, Object>> tasks = seen.getList("$");
        return tasks.stream().filter(t -> taskKey.equals(t.get("taskKey"))).findFirst()
                .orElseThrow(() -> new AssertionError("the simulator never saw " + taskKey));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> inputs(Map<String, Object> task) {
        return (Map<String, Object>) task.get("inputs");
    }

    static Object input(Map<String, Object> task, String name) {
        return ((Map<?, ?>) task.get("inputs")).get(name);
    }

    static Object output(Map<String, Object> task, String name) {
        return ((Map<?, ?>) task.get("outputs")).get(name);
    }
}
