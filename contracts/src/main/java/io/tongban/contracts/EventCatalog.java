package io.tongban.contracts;

import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import io.tongban.contracts.department.DepartmentTaskReceived;
import io.tongban.contracts.department.DepartmentTaskRejected;
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
