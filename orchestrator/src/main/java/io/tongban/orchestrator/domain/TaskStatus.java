package io.tongban.orchestrator.domain;

public enum TaskStatus {
    /** Its dependencies are not all done yet. */
    WAITING,
    /** Sent to the department; its answer is awaited. */
    DISPATCHED,
    COMPLETED,
    REJECTED,
    CANCELLED,
    /** Its condition did not hold for this matter. */
    SKIPPED;

    /** Done in the sense of "dependents may go on". */
    public boolean satisfiesDependents() {
        return this == COMPLETED || this == SKIPPED;
    }

    public boolean isFinal() {
        return this != WAITING && this != DISPATCHED;
    }
}
