package io.tongban.contracts.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import java.util.Map;
import java.util.Objects;

/**
 * What is signed when a task crosses to a department ({@code kind} task, signed with the platform's key)
 * or a department's answer comes back ({@code kind} result, signed with that department's key).
 * <p>
 * A task's content is the whole event data. A result's content is the department's answer alone —
 * {@code {"taskId", "outcome": "completed"|"rejected"|"supplement-needed", "outputs"|"reason"|"items"}} —
 * because for an HTTP department the gateway wraps the answer into the result event (adding its own
 * timestamp), and a department can only vouch for what it said. The signature covers
 * {@link #statement()}: the kind, matter, task, department, event type and the SHA-256 of the content's
 * {@link CanonicalJson canonical form}.
 */
public record HandOff(Kind kind, String matterId, String taskId, String department, String eventType,
                      String contentHash) {
    public static final String COMPLETED = "completed";
    public static final String REJECTED = "rejected";
    public static final String SUPPLEMENT_NEEDED = "supplement-needed";

    public enum Kind {
        TASK, RESULT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public HandOff {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(eventType);
        Objects.requireNonNull(contentHash);
        matterId = Objects.requireNonNullElse(matterId, "");
        taskId = Objects.requireNonNullElse(taskId, "");
        department = Objects.requireNonNullElse(department, "");
    }

    /** A department event the platform sends (assigned, cancelled, supplemented): its data is the content. */
    public static HandOff task(String eventType, Object eventData) {
        JsonNode data = tree(eventData);
        return new HandOff(Kind.TASK, text(data, "matterId"), text(data, "taskId"), text(data, "department"), eventType,
                CanonicalJson.sha256(CanonicalJson.of(data)));
    }

    /** Whether a result event type is a department's answer (the ones departments sign). */
    public static boolean isAnswer(String eventType) {
        return EventTypes.DEPARTMENT_TASK_COMPLETED.equals(eventType) || EventTypes.DEPARTMENT_TASK_REJECTED.equals(eventType)
                || EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED.equals(eventType);
    }

    /** A department's result event (completed, rejected, supplement-needed): its answer is the content. */
    public static HandOff result(String eventType, Object eventData) {
        JsonNode data = tree(eventData);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("taskId", data.get("taskId"));
        if (EventTypes.DEPARTMENT_TASK_COMPLETED.equals(eventType)) {
            answer.put("outcome", COMPLETED);
            answer.set("outputs", data.get("outputs"));
        } else if (EventTypes.DEPARTMENT_TASK_REJECTED.equals(eventType)) {
            answer.put("outcome", REJECTED);
            answer.set("reason", data.get("reason"));
        } else if (EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED.equals(eventType)) {
            answer.put("outcome", SUPPLEMENT_NEEDED);
            answer.set("items", data.get("items"));
        } else {
            throw new IllegalArgumentException(eventType + " is not a department's answer");
        }
        return answer(text(data, "matterId"), text(data, "department"), answer);
    }

    /**
     * A department's answer as its system sends it on the gateway's callback ({@code taskId}, {@code outcome}
     * and {@code outputs}, {@code reason} or {@code items}); gives the same hand-off as the result event the
     * gateway makes of it.
     */
    public static HandOff answer(String matterId, String department, Object answer) {
        JsonNode body = tree(answer);
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        String outcome = text(body, "outcome");
        content.set("taskId", body.get("taskId"));
        content.put("outcome", outcome);
        String eventType;
        if (COMPLETED.equals(outcome)) {
            // no outputs and empty outputs are the same answer (the result event always carries an object)
            JsonNode outputs = body.get("outputs");
            content.set("outputs", outputs == null || outputs.isNull() ? JsonNodeFactory.instance.objectNode() : outputs);
            eventType = EventTypes.DEPARTMENT_TASK_COMPLETED;
        } else if (REJECTED.equals(outcome)) {
            content.set("reason", body.get("reason"));
            eventType = EventTypes.DEPARTMENT_TASK_REJECTED;
        } else if (SUPPLEMENT_NEEDED.equals(outcome)) {
            content.set("items", body.get("items"));
            eventType = EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED;
        } else {
            throw new IllegalArgumentException("not an outcome: " + outcome);
        }
        return new HandOff(Kind.RESULT, matterId, text(body, "taskId"), department, eventType,
                CanonicalJson.sha256(CanonicalJson.of(content)));
    }

    /** The text that is signed. Line-based so that no field can run into the next. */
    public String statement() {
        return "tongban-hand-off/1\n"
                + "kind: " + kind.label() + "\n"
                + "matter: " + matterId + "\n"
                + "task: " + taskId + "\n"
                + "department: " + department + "\n"
                + "type: " + eventType + "\n"
                + "content-sha256: " + contentHash + "\n";
    }

    private static JsonNode tree(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String json) {
            try {
                return EventJson.mapper().readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
            }
        }
        return EventJson.mapper().valueToTree(value == null ? Map.of() : value);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }
}
