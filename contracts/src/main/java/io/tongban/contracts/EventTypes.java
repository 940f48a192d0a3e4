package io.tongban.contracts;

import java.util.List;

/**
 * CloudEvents {@code type} values: {@code tongban.<noun>.<verb>.v<major>} (ARCHITECTURE §3).
 * Each has a JSON Schema at {@code schemas/<type>.json} on the classpath of this module.
 */
public final class EventTypes {
    // tongban.matters — what applicants did
    public static final String MATTER_SUBMITTED = "tongban.matter.submitted.v1";
    public static final String MATTER_WITHDRAWN = "tongban.matter.withdrawn.v1";
    public static final String MATTER_SUPPLEMENT_PROVIDED = "tongban.matter.supplement-provided.v1";
    public static final String MATTER_RATED = "tongban.matter.rated.v1";

    // tongban.workflow — what the orchestrator decided
    public static final String MATTER_ACCEPTED = "tongban.matter.accepted.v1";
    public static final String TASK_DISPATCHED = "tongban.task.dispatched.v1";
    public static final String TASK_COMPLETED = "tongban.task.completed.v1";
    public static final String TASK_REJECTED = "tongban.task.rejected.v1";
    public static final String TASK_CANCELLED = "tongban.task.cancelled.v1";
    public static final String TASK_SKIPPED = "tongban.task.skipped.v1";
    public static final String SUPPLEMENT_REQUESTED = "tongban.supplement.requested.v1";
    public static final String SUPPLEMENT_RECEIVED = "tongban.supplement.received.v1";
    public static final String TASK_AWAITING_MATERIAL = "tongban.task.awaiting-material.v1";
    public static final String TASK_OVERDUE = "tongban.task.overdue.v1";
    public static final String TASK_DELIVERY_FAILED = "tongban.task.delivery-failed.v1";
    public static final String TASK_STALLED = "tongban.task.stalled.v1";
    public static final String JOINT_OPINION_ISSUED = "tongban.joint-opinion.issued.v1";
    public static final String COMMITMENT_REVOKED = "tongban.commitment.revoked.v1";
    public static final String MATTER_COMPLETED = "tongban.matter.completed.v1";
    public static final String MATTER_REJECTED = "tongban.matter.rejected.v1";
    public static final String MATTER_CANCELLED = "tongban.matter.cancelled.v1";

    // tongban.dept.<dept>.tasks — what a department is asked to do
    public static final String DEPARTMENT_TASK_ASSIGNED = "tongban.department-task.assigned.v1";
    public static final String DEPARTMENT_TASK_CANCELLED = "tongban.department-task.cancelled.v1";
    public static final String DEPARTMENT_TASK_SUPPLEMENTED = "tongban.department-task.supplemented.v1";

    // tongban.dept.<dept>.results — what a department answered
    public static final String DEPARTMENT_TASK_RECEIVED = "tongban.department-task.received.v1";
    public static final String DEPARTMENT_TASK_COMPLETED = "tongban.department-task.completed.v1";
    public static final String DEPARTMENT_TASK_REJECTED = "tongban.department-task.rejected.v1";
    public static final String DEPARTMENT_TASK_SUPPLEMENT_NEEDED = "tongban.department-task.supplement-needed.v1";
    public static final String DEPARTMENT_TASK_DELIVERY_FAILED = "tongban.department-task.delivery-failed.v1";
    /** Written by the gateway: delivered, never answered, out of re-deliveries. */
    public static final String DEPARTMENT_TASK_STALLED = "tongban.department-task.stalled.v1";
    /** Written by the orchestrator on {@code tongban.dept.<dept>.refused}: an answer it did not accept, and why. */
    public static final String DEPARTMENT_ANSWER_REFUSED = "tongban.department-answer.refused.v1";

    public static final List<String> ALL = List.of(
            MATTER_SUBMITTED, MATTER_WITHDRAWN, MATTER_SUPPLEMENT_PROVIDED, MATTER_RATED,
            MATTER_ACCEPTED, TASK_DISPATCHED, TASK_COMPLETED, TASK_REJECTED, TASK_CANCELLED, TASK_SKIPPED,
            SUPPLEMENT_REQUESTED, SUPPLEMENT_RECEIVED, TASK_AWAITING_MATERIAL, TASK_OVERDUE, TASK_DELIVERY_FAILED, TASK_STALLED,
            JOINT_OPINION_ISSUED, COMMITMENT_REVOKED,
            MATTER_COMPLETED, MATTER_REJECTED, MATTER_CANCELLED,
            DEPARTMENT_TASK_ASSIGNED, DEPARTMENT_TASK_CANCELLED, DEPARTMENT_TASK_SUPPLEMENTED,
            DEPARTMENT_TASK_RECEIVED, DEPARTMENT_TASK_COMPLETED, DEPARTMENT_TASK_REJECTED,
            DEPARTMENT_TASK_SUPPLEMENT_NEEDED, DEPARTMENT_TASK_DELIVERY_FAILED, DEPARTMENT_TASK_STALLED,
            DEPARTMENT_ANSWER_REFUSED);

    private EventTypes() {
    }

    public static String schemaResource(String type) {
        return "schemas/" + type + ".json";
    }
}
