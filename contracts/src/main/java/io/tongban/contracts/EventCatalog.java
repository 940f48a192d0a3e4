package io.tongban.contracts;

import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import io.tongban.contracts.department.DepartmentTaskReceived;
import io.tongban.contracts.department.DepartmentAnswerRefused;
import io.tongban.contracts.department.DepartmentTaskDeliveryFailed;
import io.tongban.contracts.department.DepartmentTaskStalled;
import io.tongban.contracts.department.DepartmentTaskRejected;
import io.tongban.contracts.department.DepartmentTaskSupplementNeeded;
import io.tongban.contracts.department.DepartmentTaskSupplemented;
import io.tongban.contracts.matters.MatterRated;
import io.tongban.contracts.matters.MatterSupplementProvided;
import io.tongban.contracts.workflow.CommitmentRevoked;
import io.tongban.contracts.workflow.JointOpinionIssued;
import io.tongban.contracts.workflow.SupplementReceived;
import io.tongban.contracts.workflow.SupplementRequested;
import io.tongban.contracts.workflow.TaskAwaitingMaterial;
import io.tongban.contracts.workflow.TaskDeliveryFailed;
import io.tongban.contracts.workflow.TaskStalled;
import io.tongban.contracts.workflow.TaskOverdue;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.matters.MatterWithdrawn;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCancelled;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.TaskCancelled;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskRejected;
import io.tongban.contracts.workflow.TaskSkipped;
import java.util.Map;
import java.util.Optional;

/** Which Java record carries the data of which event type, in both directions. */
public final class EventCatalog {
    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry(EventTypes.MATTER_SUBMITTED, MatterSubmitted.class),
            Map.entry(EventTypes.MATTER_WITHDRAWN, MatterWithdrawn.class),
            Map.entry(EventTypes.MATTER_SUPPLEMENT_PROVIDED, MatterSupplementProvided.class),
            Map.entry(EventTypes.MATTER_RATED, MatterRated.class),
            Map.entry(EventTypes.SUPPLEMENT_REQUESTED, SupplementRequested.class),
            Map.entry(EventTypes.SUPPLEMENT_RECEIVED, SupplementReceived.class),
            Map.entry(EventTypes.TASK_AWAITING_MATERIAL, TaskAwaitingMaterial.class),
            Map.entry(EventTypes.TASK_OVERDUE, TaskOverdue.class),
            Map.entry(EventTypes.TASK_DELIVERY_FAILED, TaskDeliveryFailed.class),
            Map.entry(EventTypes.TASK_STALLED, TaskStalled.class),
            Map.entry(EventTypes.JOINT_OPINION_ISSUED, JointOpinionIssued.class),
            Map.entry(EventTypes.COMMITMENT_REVOKED, CommitmentRevoked.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_SUPPLEMENTED, DepartmentTaskSupplemented.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED, DepartmentTaskSupplementNeeded.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_DELIVERY_FAILED, DepartmentTaskDeliveryFailed.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_STALLED, DepartmentTaskStalled.class),
            Map.entry(EventTypes.DEPARTMENT_ANSWER_REFUSED, DepartmentAnswerRefused.class),
            Map.entry(EventTypes.MATTER_ACCEPTED, MatterAccepted.class),
            Map.entry(EventTypes.TASK_DISPATCHED, TaskDispatched.class),
            Map.entry(EventTypes.TASK_COMPLETED, TaskCompleted.class),
            Map.entry(EventTypes.TASK_REJECTED, TaskRejected.class),
            Map.entry(EventTypes.TASK_CANCELLED, TaskCancelled.class),
            Map.entry(EventTypes.TASK_SKIPPED, TaskSkipped.class),
            Map.entry(EventTypes.MATTER_COMPLETED, MatterCompleted.class),
            Map.entry(EventTypes.MATTER_REJECTED, MatterRejected.class),
            Map.entry(EventTypes.MATTER_CANCELLED, MatterCancelled.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_ASSIGNED, DepartmentTaskAssigned.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_CANCELLED, DepartmentTaskCancelled.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_RECEIVED, DepartmentTaskReceived.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_COMPLETED, DepartmentTaskCompleted.class),
            Map.entry(EventTypes.DEPARTMENT_TASK_REJECTED, DepartmentTaskRejected.class));

    private EventCatalog() {
    }

    public static Optional<Class<?>> dataClassOf(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    public static String typeOf(Object data) {
        return TYPES.entrySet().stream()
                .filter(e -> e.getValue().equals(data.getClass()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event record: " + data.getClass()));
    }
}
