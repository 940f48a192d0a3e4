package io.tongban.orchestrator.domain;

import io.tongban.contracts.workflow.WorkflowEvent;

/** What a decision obliges the orchestrator to publish: a workflow event, or a message to a department. */
public sealed interface Effect {

    record Workflow(WorkflowEvent event) implements Effect {
    }

    record ToDepartment(String department, Object event) implements Effect {
    }
}
