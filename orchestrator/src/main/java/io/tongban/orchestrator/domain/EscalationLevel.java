package io.tongban.orchestrator.domain;

/** 超时督办: a level (yellow, red, …) reached {@code workingDaysAfterDue} working days after a task's due date. */
public record EscalationLevel(String name, int workingDaysAfterDue) {

    /** Parses {@code name:days}, e.g. {@code red:2}. */
    public static EscalationLevel parse(String text) {
        String[] parts = text.trim().split(":");
        if (parts.length != 2 || parts[0].isBlank()) {
            throw new IllegalArgumentException("escalation level '" + text + "' is not name:working-days");
        }
        return new EscalationLevel(parts[0].trim(), Integer.parseInt(parts[1].trim()));
    }
}
