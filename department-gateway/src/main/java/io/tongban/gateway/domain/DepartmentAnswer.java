package io.tongban.gateway.domain;

import io.tongban.contracts.department.DepartmentTaskCompleted;
import io.tongban.contracts.department.DepartmentTaskRejected;
import io.tongban.contracts.department.DepartmentTaskSupplementNeeded;
import io.tongban.contracts.department.SupplementItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A department's answer to one task, from its system's callback or from a clerk.
 * {@code outcome} is {@code completed} (with the task's outputs), {@code rejected} (with a reason) or
 * {@code supplement-needed} (with the items the applicant has to supply).
 */
public record DepartmentAnswer(String taskId, String outcome, Map<String, Object> outputs, String reason,
                               List<SupplementItem> items) {
    public static final String COMPLETED = "completed";
    public static final String REJECTED = "rejected";
    public static final String SUPPLEMENT_NEEDED = "supplement-needed";
    public static final List<String> OUTCOMES = List.of(COMPLETED, REJECTED, SUPPLEMENT_NEEDED);

    /** What is wrong with this answer, or empty when it can be recorded. */
    public Optional<String> problem() {
        if (taskId == null || taskId.isBlank()) {
            return Optional.of("taskId is required");
        }
        if (!OUTCOMES.contains(outcome)) {
            return Optional.of("outcome must be one of " + OUTCOMES);
        }
        if (REJECTED.equals(outcome) && (reason == null || reason.isBlank())) {
            return Optional.of("a rejection needs a written reason");
        }
        if (SUPPLEMENT_NEEDED.equals(outcome)) {
            if (items == null || items.isEmpty()) {
                return Optional.of("a supplement request lists at least one item");
            }
            for (SupplementItem item : items) {
                if (item == null || !(SupplementItem.FIELD.equals(item.kind()) || SupplementItem.MATERIAL.equals(item.kind()))
                        || item.name() == null || item.name().isBlank() || item.reason() == null || item.reason().isBlank()) {
                    return Optional.of("each item needs kind (field or material), name and reason");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What the answer says (outcome, outputs, reason, items) as JSON with its keys in a fixed order: two answers are
     * the same answer when these are equal, whatever the order or whitespace of the callbacks that carried them.
     */
    public String canonical() {
        Map<String, Object> said = new java.util.TreeMap<>();
        said.put("outcome", outcome);
        if (COMPLETED.equals(outcome)) {
            said.put("outputs", outputs == null ? Map.of() : outputs);
        }
        if (reason != null) {
            said.put("reason", reason);
        }
        if (items != null) {
            said.put("items", items);
        }
        try {
            return CANONICAL.writeValueAsString(said);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("answer cannot be written as JSON", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL = io.tongban.contracts.EventJson.mapper().copy()
            .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** A supplement request leaves the task open; the other outcomes close it. */
    public boolean closesTheTask() {
        return !SUPPLEMENT_NEEDED.equals(outcome);
    }

    /** The result event this answer puts on the department's result topic. */
    public Object toEvent(String matterId, String department, Instant now) {
        if (COMPLETED.equals(outcome)) {
            return new DepartmentTaskCompleted(taskId, matterId, department, outputs == null ? Map.of() : outputs, now);
        }
        if (REJECTED.equals(outcome)) {
            return new DepartmentTaskRejected(taskId, matterId, department, reason, now);
        }
        return new DepartmentTaskSupplementNeeded(taskId, matterId, department, List.copyOf(items), now);
    }
}
