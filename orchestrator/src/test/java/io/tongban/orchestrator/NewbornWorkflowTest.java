package io.tongban.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TestEvidence;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The orchestrator against the real broker and database: events in, events out, nothing else. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "orchestrator_test"))
class NewbornWorkflowTest {
    static final String DB = "orchestrator_test";

    private static String kafka() {
        return TestKafka.bootstrapServers();
    }

    /** Returns the CloudEvent id of the submission. */
    static String submit(String matterId) {
        String data = """
                {"matterId":"%s","matterType":"newborn","definitionVersion":1,"applicantId":"applicant-1",
                 "form":{"child":{"name":"王小明","sex":"male","birthDate":"2026-11-20"},"hospital":"市第一人民医院",
                         "mother":{"name":"李芳","idCard":"11010519491231002X"},
                         "father":{"name":"王强","idCard":"110105194912310037"},"householdAddress":"北京市朝阳区建国路1号"},
                 "materials":[],"submittedAt":"%s"}""".formatted(matterId, Instant.now());
        Map<String, String> headers = TopicProbe.cloudEventHeaders(EventTypes.MATTER_SUBMITTED, matterId);
        TopicProbe.write(kafka(), Topics.MATTERS, matterId, data, headers);
        return headers.get("ce_id");
    }

    static JsonNode awaitTask(String department, String matterId, String taskKey) {
        TopicProbe.Seen seen = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka(), matterId, Topics.tasksOf(department)).stream()
                        .filter(s -> s.value().contains("\"taskKey\":\"" + taskKey + "\"")).findFirst().orElse(null),
                s -> s != null);
        assertThat(seen.header("ce_type")).isEqualTo(EventTypes.DEPARTMENT_TASK_ASSIGNED);
        return json(seen.value());
    }

    static void complete(String department, String matterId, String taskKey, Map<String, Object> outputs) {
        String data = EventJson.mapper().createObjectNode()
                .put("taskId", matterId + ":" + taskKey).put("matterId", matterId).put("department", department)
                .put("completedAt", Instant.now().toString())
                .set("outputs", EventJson.mapper().valueToTree(outputs)).toString();
        TopicProbe.write(kafka(), Topics.resultsOf(department), matterId, data,
                TestEvidence.resultHeaders(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, data));
    }

    static List<String> workflowTypes(String matterId) {
        return TopicProbe.readAllFor(kafka(), matterId, Topics.WORKFLOW).stream().map(s -> s.header("ce_type")).toList();
    }

    static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void newbornRunsThroughThreeDepartmentsPassingNumbersAlong() {
        String matterId = UUID.randomUUID().toString();
        submit(matterId);

        JsonNode health = awaitTask("health", matterId, "birth-certificate");
        assertThat(health.get("inputs").has("motherIdCard")).isFalse();
        complete("health", matterId, "birth-certificate", Map.of("birthCertificateNo", "O110999"));

        JsonNode police = awaitTask("public-security", matterId, "household-registration");
        assertThat(police.at("/inputs/birthCertificateNo").asText()).isEqualTo("O110999");
        complete("public-security", matterId, "household-registration",
                Map.of("householdRegistrationNo", "HR-1", "citizenIdNo", "110105202611200011"));

        JsonNode insurance = awaitTask("medical-insurance", matterId, "medical-insurance");
        assertThat(insurance.at("/inputs/householdRegistrationNo").asText()).isEqualTo("HR-1");
        complete("medical-insurance", matterId, "medical-insurance", Map.of("insuranceEnrolmentNo", "MI-1"));

        List<String> types = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> workflowTypes(matterId),
                t -> t.contains(EventTypes.MATTER_COMPLETED));
        assertThat(types).containsExactly(EventTypes.MATTER_ACCEPTED, EventTypes.TASK_DISPATCHED,
                EventTypes.TASK_COMPLETED, EventTypes.TASK_DISPATCHED, EventTypes.TASK_COMPLETED,
                EventTypes.TASK_DISPATCHED, EventTypes.TASK_COMPLETED, EventTypes.MATTER_COMPLETED);
        assertThat(DbProbe.count(DB, "select count(*) from matter_instance where state = 'COMPLETED' and id = '"
                + matterId + "'")).isEqualTo(1);
    }

    @Test
    void aRedeliveredSubmissionDispatchesNothingTwice() {
        String matterId = UUID.randomUUID().toString();
        submit(matterId);
        awaitTask("health", matterId, "birth-certificate");

        String again = submit(matterId); // same matter, new event id

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(DB,
                "select count(*) from processed_event where event_id = '" + again + "'") == 1
                && DbProbe.count(DB, "select count(*) from outbox_event") == 0);
        assertThat(TopicProbe.readAllFor(kafka(), matterId, Topics.tasksOf("health"))).hasSize(1);
        assertThat(workflowTypes(matterId)).containsExactly(EventTypes.MATTER_ACCEPTED, EventTypes.TASK_DISPATCHED);
    }

    @Test
    void aPoisonResultGoesToTheDeadLetterTopicWithItsReasonAndTheRestFlows() {
        String matterId = UUID.randomUUID().toString();
        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, "{not json",
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId));
        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, "{}", Map.of()); // no CloudEvent headers

        List<TopicProbe.Seen> dead = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka(), matterId, "tongban.dept.results.dlq.orchestrator"),
                d -> d.size() == 2);
        assertThat(dead).allSatisfy(d -> assertThat(d.header("dead-letter-reason")).isNotBlank());
        assertThat(dead.get(0).header("dead-letter-reason")).contains("malformed");

        String next = UUID.randomUUID().toString();
        submit(next);
        awaitTask("health", next, "birth-certificate");
    }
}
