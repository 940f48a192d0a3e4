package io.tongban.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongban.contracts.EventCatalog;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
class ProgressProjectionTest {
    static final String DB = "status_test";
    static final Instant T0 = Instant.parse("2026-11-27T02:00:00Z");

    static void publish(String topic, String matterId, Object data) {
        try {
            TopicProbe.write(TestKafka.bootstrapServers(), topic, matterId, EventJson.mapper().writeValueAsString(data),
                    TopicProbe.cloudEventHeaders(EventCatalog.typeOf(data), matterId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static MatterAccepted accepted(String id) {
        return new MatterAccepted(id, 1, "newborn", 1, "applicant-1", "出生一件事", "Newborn registration", T0, T0,
                List.of(new MatterAccepted.PlannedTask("birth-certificate", "health", "签发出生医学证明", "Issue", List.of(), 1),
                        new MatterAccepted.PlannedTask("household-registration", "public-security", "户口登记", "Register",
                                List.of("birth-certificate"), 2)));
    }

    static TaskDispatched dispatched(String id, long seq, String taskKey, String dept) {
        return new TaskDispatched(id, seq, id + ":" + taskKey, taskKey, dept, List.of("childName"), T0.plusSeconds(seq),
                T0.plusSeconds(86400));
    }

    static TaskCompleted completed(String id, long seq, String taskKey, String dept, Map<String, Object> outputs) {
        return new TaskCompleted(id, seq, id + ":" + taskKey, taskKey, dept, outputs, T0.plusSeconds(seq), false);
    }

    static final String OWNER = "applicant-1";

    static JsonPath progress(String id) {
        return given().auth().oauth2(TestTokens.applicant(OWNER)).get("/api/matters/" + id + "/progress")
                .then().statusCode(200).extract().jsonPath();
    }

    static boolean hasProgress(String id) {
        return given().auth().oauth2(TestTokens.applicant(OWNER)).get("/api/matters/" + id + "/progress")
                .statusCode() == 200;
    }

    @Test
    void theViewFollowsAMatterFromSubmissionToCompletion() {
        String id = UUID.randomUUID().toString();
        publish(Topics.MATTERS, id, new MatterSubmitted(id, "newborn", 1, "applicant-1", Map.of(), List.of(), T0));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> hasProgress(id));
        assertThat(progress(id).getString("state")).isEqualTo("SUBMITTED");

        publish(Topics.WORKFLOW, id, accepted(id));
        publish(Topics.WORKFLOW, id, dispatched(id, 2, "birth-certificate", "health"));
        publish(Topics.WORKFLOW, id, completed(id, 3, "birth-certificate", "health", Map.of("birthCertificateNo", "O1")));
        publish(Topics.WORKFLOW, id, dispatched(id, 4, "household-registration", "public-security"));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> progress(id).getLong("lastSequence") == 4);

        JsonPath midway = progress(id);
        assertThat(midway.getString("state")).isEqualTo("IN_PROGRESS");
        assertThat(midway.getInt("percentDone")).isEqualTo(50);
        assertThat(midway.getString("tasks.find { it.taskKey == 'birth-certificate' }.outputs.birthCertificateNo"))
                .isEqualTo("O1");

        publish(Topics.WORKFLOW, id, completed(id, 5, "household-registration", "public-security",
                Map.of("householdRegistrationNo", "H1")));
        publish(Topics.WORKFLOW, id, new MatterCompleted(id, 6, List.of(), T0.plusSeconds(6)));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> "COMPLETED".equals(progress(id).getString("state")));

        JsonPath done = progress(id);
        assertThat(done.getList("timeline.sequence", Integer.class)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(done.getList("timeline.at")).doesNotContainNull();
        assertThat(done.getInt("percentDone")).isEqualTo(100);
        assertThat(done.getString("finishedAt")).isNotNull();
    }

    @Test
    void aSubmissionAndItsAcceptanceProjectedAtTheSameMomentMakeOneViewWithBoth() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            publish(Topics.WORKFLOW, id, accepted(id)); // two topics, two consumers: either may create the row
            publish(Topics.MATTERS, id, new MatterSubmitted(id, "newborn", 1, "applicant-1", Map.of(), List.of(), T0));
        }

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> ids.stream().allMatch(id -> hasProgress(id)
                && progress(id).getList("timeline.sequence", Integer.class).equals(List.of(0, 1))));
        for (String id : ids) {
            JsonPath view = progress(id);
            assertThat(view.getString("state")).isEqualTo("IN_PROGRESS");
            assertThat(Instant.parse(view.getString("submittedAt"))).isEqualTo(T0);
        }
        String in = ids.stream().map(id -> "'" + id + "'").collect(java.util.stream.Collectors.joining(","));
        assertThat(DbProbe.count(DB, "select count(*) from matter_progress where matter_id in (" + in + ")")).isEqualTo(30);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        String id = UUID.randomUUID().toString();
        publish(Topics.WORKFLOW, id, accepted(id));
        publish(Topics.WORKFLOW, id, dispatched(id, 2, "birth-certificate", "health"));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> hasProgress(id) && progress(id).getLong("lastSequence") == 2);

        publish(Topics.WORKFLOW, id, dispatched(id, 2, "birth-certificate", "health"));
        publish(Topics.WORKFLOW, id, accepted(id));
        publish(Topics.WORKFLOW, id, completed(id, 3, "birth-certificate", "health", Map.of("birthCertificateNo", "X")));

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> progress(id).getLong("lastSequence") == 3);
        assertThat(progress(id).getList("timeline")).hasSize(3);
        assertThat(DbProbe.count(DB, "select count(*) from task_progress where matter_id = '" + id + "'")).isEqualTo(2);
    }

    @Test
    void anEventAheadOfItsTimeIsHeldAndAppliedWhenTheGapCloses() {
        String id = UUID.randomUUID().toString();
        publish(Topics.WORKFLOW, id, accepted(id));
        publish(Topics.WORKFLOW, id, completed(id, 3, "birth-certificate", "health", Map.of("birthCertificateNo", "O9")));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() ->
                DbProbe.count(DB, "select count(*) from held_event where matter_id = '" + id + "'") == 1);
        assertThat(progress(id).getLong("lastSequence")).isEqualTo(1);
        JsonPath gaps = given().auth().oauth2(TestTokens.ops("op-1")).get("/api/ops/projection/gaps")
                .then().statusCode(200).extract().jsonPath();
        assertThat(gaps.getLong("find { it.matterId == '" + id + "' }.missing")).isEqualTo(2);
        assertThat(gaps.getList("find { it.matterId == '" + id + "' }.held", Long.class)).containsExactly(3L);

        publish(Topics.WORKFLOW, id, dispatched(id, 2, "birth-certificate", "health"));

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> progress(id).getLong("lastSequence") == 3);
        assertThat(progress(id).getString("tasks.find { it.taskKey == 'birth-certificate' }.state")).isEqualTo("COMPLETED");
        assertThat(DbProbe.count(DB, "select count(*) from held_event where matter_id = '" + id + "'")).isZero();
        given().auth().oauth2(TestTokens.ops("op-1")).get("/api/ops/projection/gaps")
                .then().statusCode(200).body("matterId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
    }

    @Test
    void aWorkflowRecordThatCannotBeReadGoesToTheDeadLetterTopic() {
        String id = UUID.randomUUID().toString();
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.WORKFLOW, id, "{\"matterId\":",
                TopicProbe.cloudEventHeaders(EventTypes.TASK_COMPLETED, id));
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.WORKFLOW, id, "{}",
                TopicProbe.cloudEventHeaders("tongban.matter.teleported.v1", id));

        List<TopicProbe.Seen> dead = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), id, "tongban.workflow.dlq.status-service"),
                d -> d.size() == 2);
        assertThat(dead.get(1).header("dead-letter-reason")).contains("teleported");
        given().auth().oauth2(TestTokens.applicant(OWNER)).get("/api/matters/" + id + "/progress")
                .then().statusCode(404);
    }

    @Test
    void unknownMatterIsANotFoundProblem() {
        given().auth().oauth2(TestTokens.applicant(OWNER)).get("/api/matters/" + UUID.randomUUID() + "/progress")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(TestTokens.applicant(OWNER)).get("/api/matters/not-a-uuid/progress")
                .then().statusCode(404);
    }
}
