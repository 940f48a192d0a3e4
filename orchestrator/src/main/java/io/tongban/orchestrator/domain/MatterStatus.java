package io.tongban.orchestrator.domain;

public enum MatterStatus {
    IN_PROGRESS, COMPLETED, REJECTED, CANCELLED;

    public boolean isFinal() {
        return this != IN_PROGRESS;
    }
}
