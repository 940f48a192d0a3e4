package io.tongban.contracts.workflow;

/**
 * Every decision of the orchestrator. {@code sequence} numbers a matter's workflow events 1, 2, 3, …
 * so that readers apply them in order, ignore repeats and detect gaps.
 */
public sealed interface WorkflowEvent
        permits MatterAccepted, TaskDispatched, TaskCompleted, TaskRejected, TaskCancelled, TaskSkipped,
        SupplementRequested, SupplementReceived, TaskAwaitingMaterial, TaskOverdue, TaskDeliveryFailed, TaskStalled,
        JointOpinionIssued, CommitmentRevoked,
        MatterCompleted, MatterRejected, MatterCancelled {

    String matterId();

    long sequence();
}
