package io.tongban.status.domain;

/**
 * A matter's workflow events carry sequence numbers 1, 2, 3, … The view applies the next one, ignores
 * one it has already applied (a redelivery or a stale copy) and holds one that comes too early: a gap
 * is reported and closed when the missing event arrives, never papered over.
 */
public final class SequenceRule {
    public enum Decision { APPLY, IGNORE, HOLD }

    private SequenceRule() {
    }

    public static Decision decide(long lastApplied, long incoming) {
        if (incoming <= lastApplied) {
            return Decision.IGNORE;
        }
        return incoming == lastApplied + 1 ? Decision.APPLY : Decision.HOLD;
    }
}
