package io.tongban.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator is killed (SIGKILL) twice while a hundred matters run: after each restart every matter
 * continues, and every department task reaches its department exactly once.
 */
class OrchestratorCrashIT {
    static final LocalPlatform PLATFORM = new LocalPlatform();
    static final int MATTERS = 100;
    static final String NEWBORN = LocalPlatform.NEWBORN_REQUEST;

    static String applicantToken;

    @BeforeAll
    static void startPlatform() {
        PLATFORM.run("up");
        applicantToken = PLATFORM.token("e2e-crash-applicant", "applicant");
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.run("stop");
    }

    @Test
    void killingTheOrchestratorTwiceMidRunLosesNoTaskAndSendsNoneTwice() {
        int before = simulator("/simulator/deliveries").getInt("total");
        List<String> matters = new ArrayList<>();
        for (int i = 0; i < MATTERS; i++) {
            matters.add(submit());
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredSince(before) >= 60);
        PLATFORM.run("kill", "orchestrator");
        PLATFORM.run("start", "orchestrator");
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveredSince(before) >= 280);
        PLATFORM.run("kill", "orchestrator");
        PLATFORM.run("start", "orchestrator");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() ->
                matters.stream().allMatch(id -> "COMPLETED".equals(stateOf(id))));
        JsonPath deliveries = simulator("/simulator/deliveries");
        assertThat(deliveries.getList("duplicated")).as("task ids delivered more than once").isEmpty();
        assertThat(deliveries.getInt("total")).isEqualTo(deliveries.getInt("distinct"));
        int planned = 0;
        for (String id : matters) {
            int tasks = plannedTasks(id); // as many as the matter's definition version plans (newborn: 3 in v1, 5 in v2)
            assertThat(tasks).isGreaterThanOrEqualTo(3);
            assertThat(simulator("/simulator/tasks?matterId=" + id).getList("$")).as("tasks of %s", id).hasSize(tasks);
            planned += tasks;
        }
        assertThat(deliveries.getInt("total") - before).as("deliveries").isEqualTo(planned);
    }

    static int plannedTasks(String matterId) {
        return given().baseUri("http://127.0.0.1:" + LocalPlatform.STATUS_PORT).auth().oauth2(applicantToken)
                .get("/api/matters/" + matterId + "/progress").then().statusCode(200).extract().jsonPath()
                .getList("tasks").size();
    }

    private static int deliveredSince(int before) {
        return simulator("/simulator/deliveries").getInt("distinct") - before;
    }

    static String submit() {
        return given().baseUri("http://127.0.0.1:" + LocalPlatform.INTAKE_PORT).auth().oauth2(applicantToken)
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body(NEWBORN)
                .post("/api/matters")
                .then().statusCode(202).extract().path("matterId");
    }

    static String stateOf(String matterId) {
        var response = given().baseUri("http://127.0.0.1:" + LocalPlatform.STATUS_PORT).auth().oauth2(applicantToken)
                .get("/api/matters/" + matterId + "/progress");
        return response.statusCode() == 200 ? response.jsonPath().getString("state") : "UNKNOWN";
    }

    static JsonPath simulator(String path) {
        return given().baseUri("http://127.0.0.1:" + LocalPlatform.SIMULATOR_PORT).get(path)
                .then().statusCode(200).extract().jsonPath();
    }
}
