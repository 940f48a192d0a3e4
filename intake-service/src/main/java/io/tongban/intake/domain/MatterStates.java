package io.tongban.intake.domain;

import java.util.Set;

/**
 * The states of a matter as intake knows them: set by the applicant (submitted, withdrawn) or learnt from
 * the orchestrator's decisions on {@code tongban.workflow} (completed, rejected, cancelled).
 */
public final class MatterStates {
    public static final String SUBMITTED = "SUBMITTED";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String COMPLETED = "COMPLETED";
    public static final String REJECTED = "REJECTED";
    public static final String CANCELLED = "CANCELLED";
    private static final Set<String> FINISHED = Set.of(WITHDRAWN, COMPLETED, REJECTED, CANCELLED);
    /** 好差评 rates the service given: after a decision either way. */
    private static final Set<String> RATEABLE = Set.of(COMPLETED, REJECTED);

    private MatterStates() {
    }

    public static boolean finished(String state) {
        return FINISHED.contains(state);
    }

    public static void checkCanWithdraw(String matterId, String state) {
        if (finished(state)) {
            throw Problem.conflict("matter " + matterId + " has finished (" + state + ") and cannot be withdrawn");
        }
    }

    public static void checkCanSupplement(String matterId, String state) {
        if (finished(state)) {
            throw Problem.conflict("matter " + matterId + " has finished (" + state + "): nothing to supplement");
        }
    }

    public static void checkCanRate(String matterId, String state) {
        if (!RATEABLE.contains(state)) {
            throw Problem.conflict("matter " + matterId + " is " + state + ": it can be rated once it is decided");
        }
    }

    /** A workflow decision moves an open matter to its end; a withdrawn matter stays withdrawn. */
    public static String afterDecision(String current, String decided) {
        return WITHDRAWN.equals(current) ? current : decided;
    }
}
