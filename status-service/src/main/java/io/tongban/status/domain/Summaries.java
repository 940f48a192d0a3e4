package io.tongban.status.domain;

import io.tongban.contracts.department.SupplementItem;
import io.tongban.contracts.workflow.CommitmentRevoked;
import io.tongban.contracts.workflow.JointOpinionIssued;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.SupplementReceived;
import io.tongban.contracts.workflow.SupplementRequested;
import io.tongban.contracts.workflow.TaskAwaitingMaterial;
import io.tongban.contracts.workflow.TaskDeliveryFailed;
import io.tongban.contracts.workflow.TaskStalled;
import io.tongban.contracts.workflow.TaskOverdue;
import io.tongban.contracts.workflow.MatterCancelled;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.TaskCancelled;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskRejected;
import io.tongban.contracts.workflow.TaskSkipped;
import io.tongban.contracts.workflow.WorkflowEvent;

/** One line per timeline entry, for the applicant. Names what happened, never personal data. */
public final class Summaries {
    private Summaries() {
    }

    public static String of(WorkflowEvent event) {
        if (event instanceof MatterAccepted a) {
            return "accepted: " + a.tasks().size() + " department tasks planned";
        } else if (event instanceof TaskDispatched d) {
            return d.taskKey() + " sent to " + d.department();
        } else if (event instanceof TaskCompleted c) {
            return c.taskKey() + " completed by " + c.department() + ", issued " + String.join(", ", c.outputs().keySet());
        } else if (event instanceof TaskRejected r) {
            return r.taskKey() + " refused by " + r.department() + ": " + r.reason();
        } else if (event instanceof TaskCancelled c) {
            return c.taskKey() + " cancelled: " + c.reason();
        } else if (event instanceof TaskSkipped s) {
            return s.taskKey() + " not needed (" + s.condition() + ")";
        } else if (event instanceof MatterCompleted m) {
            return "completed: " + m.results().size() + " results issued";
        } else if (event instanceof MatterRejected r) {
            return "rejected: " + r.reason();
        } else if (event instanceof MatterCancelled c) {
            return "cancelled: " + c.reason();
        } else if (event instanceof SupplementRequested s) {
            return s.taskKey() + " waits for a supplement: "
                    + String.join(", ", s.items().stream().map(SupplementItem::name).toList());
        } else if (event instanceof SupplementReceived s) {
            return "supplement received; " + String.join(", ", s.resumedTasks()) + " resumed";
        } else if (event instanceof TaskAwaitingMaterial a) {
            return a.taskKey() + " waits for promised material: " + String.join(", ", a.materials());
        } else if (event instanceof TaskOverdue o) {
            return o.taskKey() + " at " + o.department() + " is overdue (" + o.level() + ")";
        } else if (event instanceof TaskDeliveryFailed f) {
            return f.taskKey() + " could not be delivered to " + f.department() + ": " + f.reason();
        } else if (event instanceof TaskStalled s) {
            return s.taskKey() + ": waiting for " + s.department() + " since " + s.waitingSince() + " (no answer after "
                    + s.deliveries() + " deliveries)";
        } else if (event instanceof JointOpinionIssued j) {
            return "joint opinion of " + j.group() + ": " + (j.objection() ? "objection" : "no objection");
        } else if (event instanceof CommitmentRevoked r) {
            return r.taskKey() + " approval on commitment revoked by " + r.department() + ": " + r.reason();
        }
        return event.getClass().getSimpleName();
    }

}
