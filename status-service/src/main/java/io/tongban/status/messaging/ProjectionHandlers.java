package io.tongban.status.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.workflow.TaskDispatched;
import java.nio.charset.StandardCharsets;
import io.tongban.contracts.matters.MatterRated;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.messaging.EventConsumer;
import io.tongban.messaging.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.tongban.contracts.workflow.WorkflowEvent;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
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

    @Inject
    ProgressChanges changes;

    @Inject
    Suggestions suggestions;

    private static final Logger LOG = Logger.getLogger(ProjectionHandlers.class);

    /** Watching front-ends hear of a change only after its transaction committed; a redelivery is not a change. */
    @Incoming("workflow-in")
    public Uni<Void> onWorkflowEvent(Message<String> message) {
        AtomicReference<ProgressChanges.Change> changed = new AtomicReference<>();
        String handOffHash = header(message, EvidenceHeaders.HAND_OFF_HASH);
        return consumer.consume(message, WORKFLOW_CONSUMER, event -> {
            WorkflowEvent parsed = ProgressProjector.parse(event.type(), event.json());
            return projector.workflow(event.type(), parsed).invoke(row -> changed.set(row == null ? null
                    : new ProgressChanges.Change(parsed.matterId(), row.applicantId, "progress",
                            new ProgressChanges.Summary(row.state, row.lastSequence))))
                    .call(() -> parsed instanceof TaskDispatched d && handOffHash != null
                            ? projector.handOffHash(d, handOffHash) : Uni.createFrom().voidItem())
                    .replaceWithVoid();
        }).invoke(() -> {
            if (changed.get() != null) {
                changes.publish(changed.get());
            }
        }).call(() -> pushSuggestions(changed.get() == null ? null : changed.get().matterId()));
    }

    private static String header(Message<String> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(meta -> meta.getHeaders().lastHeader(name))
                .filter(h -> h.value() != null)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8))
                .orElse(null);
    }

    /** After the commit; a failed push is not lost: the suggestion stays listed and unpushed. */
    private Uni<Void> pushSuggestions(String matterId) {
        if (matterId == null) {
            return Uni.createFrom().voidItem();
        }
        return suggestions.push(matterId).onFailure().recoverWithItem(t -> {
            LOG.warnf("matter %s: suggestions not pushed: %s", matterId, t.getMessage());
            return null;
        });
    }

    private void notify(String matterId) {
        if (matterId != null) {
            changes.changed(matterId);
        }
    }

    @Incoming("matters-in")
    public Uni<Void> onMatterEvent(Message<String> message) {
        AtomicReference<String> changed = new AtomicReference<>();
        return consumer.consume(message, MATTERS_CONSUMER,
                event -> matterEvent(event).invoke(() -> changed.set(event.subjectOpt().orElse(null))))
                .invoke(() -> notify(changed.get()));
    }

    private Uni<Void> matterEvent(IncomingEvent event) {
        if (EventTypes.MATTER_SUBMITTED.equals(event.type())) {
            return projector.submitted(event.dataAs(MatterSubmitted.class));
        }
        if (EventTypes.MATTER_RATED.equals(event.type())) {
            return projector.rated(event.dataAs(MatterRated.class));
        }
        // withdrawals and supplements show through the orchestrator's decisions on tongban.workflow
        event.data(); // unknown types and malformed data still go to the dead-letter topic
        return Uni.createFrom().voidItem();
    }
}
