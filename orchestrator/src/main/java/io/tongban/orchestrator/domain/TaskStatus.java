package io.tongban.orchestrator.domain;

public enum TaskStatus {
    /** Its dependencies are not all done yet. */
    WAITING,
    /** 容缺受理: ready, but a material the applicant may hand in later is not in yet. */
    AWAITING_MATERIAL,
    /** Sent to the department; its answer is awaited. */
    DISPATCHED,
    /** 补正: the department asked the applicant for more; the deadline clock is paused. */
    AWAITING_SUPPLEMENT,
    /** The gateway gave up delivering it; a department answer is still accepted (a clerk may act on it). */
    DELIVERY_FAILED,
    /** 告知承诺制: counts as done for its dependents; the department checks it afterwards. */
    COMMITTED,
    COMPLETED,
    REJECTED,
    CANCELLED,
    /** Its condition did not hold for this matter. */
    SKIPPED,
    /** 告知承诺制: the after-the-fact check found the commitment false. */
    REVOKED;

    /** Done in the sense of "dependents may go on". */
    public boolean satisfiesDependents() {
        return this == COMPLETED || this == SKIPPED || this == COMMITTED;
    }

    /** With its department, whose answer (completed, rejected, supplement needed) applies. */
    public boolean isOut() {
        return this == DISPATCHED || this == AWAITING_SUPPLEMENT || this == DELIVERY_FAILED;
    }

    /** Reached the department at some point: a cancellation must be sent there too. */
    public boolean reachedDepartment() {
        return isOut() || this == COMMITTED;
    }

    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED || this == SKIPPED || this == REVOKED;
    }
}
