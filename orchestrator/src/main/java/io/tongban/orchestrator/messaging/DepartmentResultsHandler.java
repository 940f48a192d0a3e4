package io.tongban.orchestrator.messaging;

import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import io.tongban.contracts.department.DepartmentTaskDeliveryFailed;
import io.tongban.contracts.department.DepartmentTaskRejected;
import io.tongban.contracts.department.DepartmentTaskStalled;
import io.tongban.contracts.department.DepartmentTaskSupplementNeeded;
import io.tongban.messaging.EventConsumer;
import io.tongban.messaging.IncomingEvent;
import io.tongban.messaging.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What departments answered (every tongban.dept.*.results topic), consumed as group {@code orchestrator.results}. */
@ApplicationScoped
public class DepartmentResultsHandler {
    static final String CONSUMER = "orchestrator.results";

    @Inject
    EventConsumer consumer;

    @Inject
    WorkflowEngine engine;

    /** Checks a department's signature and chains its answer before the answer is applied. */
    @Inject
    HandOffEvidence evidence;

    /** Checks each record against its type's JSON Schema before anything is looked up or recorded. */
    @Inject
    ResultSchemas schemas;

    /** A refused answer is reported back to its department, besides the dead letter. */
    @Inject
    AnswerRefusals refusals;

    @Incoming("department-results-in")
    public Uni<Void> onResult(Message<String> message) {
        Map<String, String> signature = HandOffEvidence.headersOf(message);
        return consumer.consume(refusals.reporting(message), CONSUMER, event -> {
            schemas.check(event);
            return evidence.acceptResult(event, signature)
                    .chain(fresh -> fresh ? apply(event) : Uni.createFrom().voidItem());
        });
    }

    private Uni<Void> apply(IncomingEvent event) {
        return switch (event.type()) {
            case EventTypes.DEPARTMENT_TASK_COMPLETED -> engine.complete(event.dataAs(DepartmentTaskCompleted.class));
            case EventTypes.DEPARTMENT_TASK_REJECTED -> engine.reject(event.dataAs(DepartmentTaskRejected.class));
            case EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED ->
                    engine.supplementNeeded(event.dataAs(DepartmentTaskSupplementNeeded.class));
            case EventTypes.DEPARTMENT_TASK_DELIVERY_FAILED ->
                    engine.deliveryFailed(event.dataAs(DepartmentTaskDeliveryFailed.class));
            case EventTypes.DEPARTMENT_TASK_STALLED -> engine.stalled(event.dataAs(DepartmentTaskStalled.class));
            case EventTypes.DEPARTMENT_TASK_RECEIVED -> Uni.createFrom().voidItem();
            default -> throw new PoisonEventException("not a department result: " + event.type() + " on " + event.topic());
        };
    }
}
