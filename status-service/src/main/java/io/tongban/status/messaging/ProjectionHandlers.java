package io.tongban.status.messaging;

import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.messaging.EventConsumer;
import io.tongban.messaging.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Consumer groups {@code status-service.workflow} and {@code status-service.matters}. */
@ApplicationScoped
public class ProjectionHandlers {
    static final String WORKFLOW_CONSUMER = "status-service.workflow";
    static final String MATTERS_CONSUMER = "status-service.matters";

    @Inject
    EventConsumer consumer;

    @Inject
    ProgressProjector projector;

    @Incoming("workflow-in")
    public Uni<Void> onWorkflowEvent(Message<String> message) {
        return consumer.consume(message, WORKFLOW_CONSUMER,
                event -> projector.workflow(event.type(), ProgressProjector.parse(event.type(), event.json())));
    }

    @Incoming("matters-in")
    public Uni<Void> onMatterEvent(Message<String> message) {
        return consumer.consume(message, MATTERS_CONSUMER, this::matterEvent);
    }

    private Uni<Void> matterEvent(IncomingEvent event) {
        if (EventTypes.MATTER_SUBMITTED.equals(event.type())) {
            return projector.submitted(event.dataAs(MatterSubmitted.class));
        }
        // withdrawals and ratings show through the orchestrator's decisions on tongban.workflow
        event.data(); // unknown types and malformed data still go to the dead-letter topic
        return Uni.createFrom().voidItem();
    }
}
