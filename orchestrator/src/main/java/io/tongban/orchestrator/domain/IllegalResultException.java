package io.tongban.orchestrator.domain;

/** A department result that breaks the contract (unknown task, declared outputs missing): it cannot be applied. */
public class IllegalResultException extends RuntimeException {
    public IllegalResultException(String message) {
        super(message);
    }
}
