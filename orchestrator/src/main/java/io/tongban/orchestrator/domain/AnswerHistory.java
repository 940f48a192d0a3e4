package io.tongban.orchestrator.domain;

import io.tongban.contracts.EventTypes;
import java.time.Instant;
import java.util.List;

/**
 * What a department's answer is, given the answers already recorded for its task (the evidence chain): a fresh
 * hand-off, a repeat that changes nothing, or a conflict. Departments answer every delivery of a task, repeats
 * included, with the same answer (deliveries are at least once), so a repeat is normal and silent; a different
 * answer once the task was finished would put two contradicting results in the chain and must be refused.
 */
public final class AnswerHistory {
    private AnswerHistory() {
    }

    /** An answer in the chain: its event type, the hash of what the department said, when it was recorded. */
    public record Recorded(String eventType, String contentHash, Instant recordedAt) {
    }

    public sealed interface Verdict {
    }

    /** Verify, chain and apply it. */
    public record Fresh() implements Verdict {
    }

    /** Already recorded: changes nothing and is not chained again. */
    public record Repeat(Recorded original) implements Verdict {
    }

    /** Contradicts the answer recorded before: refused. */
    public record Conflict(Recorded recorded) implements Verdict {
        public String reason() {
            return "conflicts with the answer recorded at " + recorded.recordedAt() + " (" + recorded.eventType() + ")";
        }
    }

    /**
     * @param recorded    the task's answers so far, oldest first
     * @param eventType   the new answer's type
     * @param contentHash the hash of what the new answer says (taskId, outcome, outputs/reason/items)
     * @param task        where the task stands now
     */
    public static Verdict judge(List<Recorded> recorded, String eventType, String contentHash, TaskStatus task) {
        if (recorded.isEmpty()) {
            return new Fresh();
        }
        Recorded last = recorded.get(recorded.size() - 1);
        boolean supplementAnswered = isSupplementNeeded(last.eventType());
        if (last.contentHash().equals(contentHash)) {
            // the applicant supplied and the task went back: the department may ask the same again
            boolean backWithDepartment = task.isOut() && task != TaskStatus.AWAITING_SUPPLEMENT;
            return supplementAnswered && backWithDepartment ? new Fresh() : new Repeat(last);
        }
        for (Recorded earlier : recorded) {
            if (earlier.contentHash().equals(contentHash)) {
                return new Repeat(earlier); // a late repeat of an answer the task has moved past
            }
        }
        if (!supplementAnswered) {
            return new Conflict(last); // completed or rejected: the task's outcome is recorded
        }
        // after a supplement request the department may still decide (completed/rejected), but not ask otherwise
        return isSupplementNeeded(eventType) && task == TaskStatus.AWAITING_SUPPLEMENT ? new Conflict(last) : new Fresh();
    }

    private static boolean isSupplementNeeded(String eventType) {
        return EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED.equals(eventType);
    }
}
