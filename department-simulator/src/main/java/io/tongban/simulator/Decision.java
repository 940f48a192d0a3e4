package io.tongban.simulator;

import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.SupplementItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a simulated department answers to a task: completed (a made-up number per declared output),
 * rejected (at the reject rate) or, once per task at the supplement rate, a request for one item.
 * Decided once per task and kept: every repeated delivery of the task gets this same answer.
 */
public record Decision(String outcome, Map<String, Object> outputs, String reason, List<SupplementItem> items,
                       Instant decidedAt) {
    public static final String COMPLETED = "completed";
    public static final String REJECTED = "rejected";
    public static final String SUPPLEMENT_NEEDED = "supplement-needed";
    static final String REFUSAL = "材料不符合要求 / the simulated department refuses this task";

    /** The first answer to a task; after a supplement the department simply {@link #completed completes}. */
    public static Decision about(DepartmentTaskAssigned task, double rejectRate, double supplementRate) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < supplementRate) {
            String field = task.inputs() == null || task.inputs().isEmpty() ? "address" : task.inputs().keySet().iterator().next();
            return new Decision(SUPPLEMENT_NEEDED, null, null,
                    List.of(new SupplementItem(SupplementItem.FIELD, field, "请补正 / please check and resubmit this field")),
                    Instant.now());
        }
        if (random.nextDouble() < rejectRate) {
            return new Decision(REJECTED, null, REFUSAL, null, Instant.now());
        }
        return completed(task);
    }

    public static Decision completed(DepartmentTaskAssigned task) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        task.outputs().forEach(name -> outputs.put(name, SimulatedDepartments.madeUpNumber(name)));
        return new Decision(COMPLETED, outputs, null, null, Instant.now());
    }

    /**
     * The event id of this answer on a result topic: derived from the answer, so that answering a repeated
     * task again writes the very same event (the platform de-duplicates it by id).
     */
    public UUID eventId(String taskId) {
        return UUID.nameUUIDFromBytes((taskId + "|" + outcome + "|" + decidedAt).getBytes(StandardCharsets.UTF_8));
    }

    /** The answer as the gateway's callback endpoint takes it. */
    public Map<String, Object> callbackBody(String taskId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("taskId", taskId);
        body.put("outcome", outcome);
        if (outputs != null) {
            body.put("outputs", outputs);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        if (items != null) {
            body.put("items", items);
        }
        return body;
    }
}
