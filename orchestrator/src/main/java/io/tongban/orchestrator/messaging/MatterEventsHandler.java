package io.tongban.orchestrator.messaging;

import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.matters.MatterSupplementProvided;
import io.tongban.contracts.matters.MatterWithdrawn;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tongban.messaging.EventConsumer;
import io.tongban.messaging.IncomingEvent;
import io.tongban.messaging.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** What applicants did (tongban.matters), consumed as group {@code orchestrator.matters}. */
@ApplicationScoped
public class MatterEventsHandler {
    static final String CONSUMER = "orchestrator.matters";

    @Inject
    EventConsumer consumer;

    @Inject
    WorkflowEngine engine;

    @Incoming("matters-in")
    public Uni<Void> onMatterEvent(Message<String> message) {
        int partition = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getPartition).orElse(0);
        return consumer.consume(message, CONSUMER, event -> apply(event, partition));
    }

    private Uni<Void> apply(IncomingEvent event, int partition) {
        return switch (event.type()) {
            case EventTypes.MATTER_SUBMITTED -> engine.accept(event.dataAs(MatterSubmitted.class), partition);
            case EventTypes.MATTER_SUPPLEMENT_PROVIDED ->
                    engine.supplementProvided(event.dataAs(MatterSupplementProvided.class));
            case EventTypes.MATTER_RATED -> Uni.createFrom().voidItem(); // for the status service, not a decision
            case EventTypes.MATTER_WITHDRAWN -> engine.withdraw(event.dataAs(MatterWithdrawn.class));
            default -> throw new PoisonEventException("the orchestrator does not handle " + event.type()
                    + " on " + event.topic());
        };
    }
}
