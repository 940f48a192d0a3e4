package io.tongban.orchestrator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.TestEvidence;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Plays the applicant and the departments around the orchestrator, through the real broker only: reads
 * tongban.dept.*.tasks and tongban.workflow, answers on tongban.dept.*.results and writes to tongban.matters.
 */
public final class PlayedDepartments {
    private PlayedDepartments() {
    }

    static String kafka() {
        return TestKafka.bootstrapServers();
    }

    /** Submits a matter of the given type and version with the form (JSON) and the named materials. */
    public static void submit(String matterId, String type, int version, String formJson, String... materials) {
        ObjectNode data = EventJson.mapper().createObjectNode().put("matterId", matterId).put("matterType", type)
                .put("definitionVersion", version).put("applicantId", "applicant-1")
                .put("submittedAt", Instant.now().toString());
        data.set("form", PlayedDepartments.json(formJson));
        data.set("materials", materialsJson(materials));
        write(Topics.MATTERS, matterId, EventTypes.MATTER_SUBMITTED, data);
    }

    public static void supplement(String matterId, String formJson, String... materials) {
        ObjectNode data = EventJson.mapper().createObjectNode().put("matterId", matterId)
                .put("applicantId", "applicant-1").put("providedAt", Instant.now().toString());
        data.set("form", json(formJson));
        data.set("materials", materialsJson(materials));
        write(Topics.MATTERS, matterId, EventTypes.MATTER_SUPPLEMENT_PROVIDED, data);
    }

    public static void withdraw(String matterId) {
        ObjectNode data = EventJson.mapper().createObjectNode().put("matterId", matterId)
                .put("applicantId", "applicant-1").put("reason", "moved away")
                .put("withdrawnAt", Instant.now().toString());
        write(Topics.MATTERS, matterId, EventTypes.MATTER_WITHDRAWN, data);
    }

    /** Waits for a message of this type about this task on the department's task topic. */
    public static JsonNode awaitOnTasksTopic(String department, String matterId, String ceType, String taskKey) {
        String taskId = matterId + ":" + taskKey;
        TopicProbe.Seen seen = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka(), matterId, Topics.tasksOf(department)).stream()
                        .filter(s -> ceType.equals(s.header("ce_type")) && s.value().contains("\"" + taskId + "\""))
                        .findFirst().orElse(null),
                s -> s != null);
        return json(seen.value());
    }

    public static JsonNode awaitTask(String department, String matterId, String taskKey) {
        return awaitOnTasksTopic(department, matterId, EventTypes.DEPARTMENT_TASK_ASSIGNED, taskKey);
    }

    /** The department's messages (ce types) about this matter so far. */
    public static List<String> tasksTopicTypes(String department, String matterId) {
        return TopicProbe.readAllFor(kafka(), matterId, Topics.tasksOf(department)).stream()
                .map(s -> s.header("ce_type")).toList();
    }

    public static void complete(String department, String matterId, String taskKey, Map<String, Object> outputs) {
        ObjectNode data = result(department, matterId, taskKey).put("completedAt", Instant.now().toString());
        data.set("outputs", EventJson.mapper().valueToTree(outputs));
        write(Topics.resultsOf(department), matterId, EventTypes.DEPARTMENT_TASK_COMPLETED, data);
    }

    public static void reject(String department, String matterId, String taskKey, String reason) {
        ObjectNode data = result(department, matterId, taskKey).put("reason", reason)
                .put("rejectedAt", Instant.now().toString());
        write(Topics.resultsOf(department), matterId, EventTypes.DEPARTMENT_TASK_REJECTED, data);
    }

    public static void needSupplement(String department, String matterId, String taskKey, String field, String why) {
        ObjectNode data = result(department, matterId, taskKey).put("requestedAt", Instant.now().toString());
        data.set("items", EventJson.mapper().valueToTree(List.of(Map.of("kind", "field", "name", field, "reason", why))));
        write(Topics.resultsOf(department), matterId, EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED, data);
    }

    /** Waits until the workflow topic holds an event of {@code type} for the matter; returns all its events. */
    public static List<TopicProbe.Seen> awaitWorkflow(String matterId, String type) {
        return await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka(), matterId, Topics.WORKFLOW),
                seen -> seen.stream().anyMatch(s -> type.equals(s.header("ce_type"))));
    }

    public static List<String> workflowTypes(String matterId) {
        return TopicProbe.readAllFor(kafka(), matterId, Topics.WORKFLOW).stream().map(s -> s.header("ce_type")).toList();
    }

    public static JsonNode workflowEvent(List<TopicProbe.Seen> seen, String type) {
        return seen.stream().filter(s -> type.equals(s.header("ce_type"))).findFirst().map(s -> json(s.value()))
                .orElseThrow();
    }

    private static ObjectNode result(String department, String matterId, String taskKey) {
        return EventJson.mapper().createObjectNode().put("taskId", matterId + ":" + taskKey).put("matterId", matterId)
                .put("department", department);
    }

    private static JsonNode materialsJson(String... names) {
        return EventJson.mapper().valueToTree(java.util.Arrays.stream(names).map(n -> Map.of("name", n,
                "reference", "materials/" + n, "sha256", "0".repeat(64), "contentType", "application/pdf",
                "size", 1024)).toList());
    }

    private static void write(String topic, String matterId, String type, JsonNode data) {
        // department results carry their department's signature (evidence chain), as real departments' do
        TopicProbe.write(kafka(), topic, matterId, data.toString(), TestEvidence.resultHeaders(type, matterId, data.toString()));
    }

    static JsonNode json(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
