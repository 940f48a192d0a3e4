package io.tongban.intake.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.department.SupplementItem;
import io.tongban.contracts.workflow.MatterCancelled;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.SupplementRequested;
import io.tongban.contracts.workflow.TaskAwaitingMaterial;
import io.tongban.intake.domain.MatterStates;
import io.tongban.intake.persistence.RequestedSupplement;
import io.tongban.intake.persistence.SubmittedMatter;
import io.tongban.messaging.EventConsumer;
import io.tongban.messaging.IncomingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumer group {@code intake-service.workflow}: intake learns from the orchestrator's decisions what it
 * needs to answer applicants — which supplements are open (补正, materials that may follow later) and
 * whether a matter has finished. It keeps that in its own tables; it never reads another service's.
 */
@ApplicationScoped
public class WorkflowDecisions {
    static final String CONSUMER = "intake-service.workflow";
    private static final Logger LOG = Logger.getLogger(WorkflowDecisions.class);

    @Inject
    EventConsumer consumer;

    @Inject
    java.time.Clock clock;

    @Incoming("workflow-in")
    public Uni<Void> onWorkflowEvent(Message<String> message) {
        return consumer.consume(message, CONSUMER, this::apply);
    }

    Uni<Void> apply(IncomingEvent event) {
        switch (event.type()) {
            case EventTypes.SUPPLEMENT_REQUESTED: {
                SupplementRequested requested = event.dataAs(SupplementRequested.class);
                List<Item> items = requested.items() == null ? List.of() : requested.items().stream()
                        .map(i -> new Item(SupplementItem.MATERIAL.equals(i.kind())
                                ? RequestedSupplement.MATERIAL : RequestedSupplement.FIELD, i.name(), i.reason()))
                        .toList();
                return request(requested.matterId(), items, requested.requestedAt());
            }
            case EventTypes.TASK_AWAITING_MATERIAL: {
                TaskAwaitingMaterial awaiting = event.dataAs(TaskAwaitingMaterial.class);
                List<Item> items = awaiting.materials() == null ? List.of() : awaiting.materials().stream()
                        .map(name -> new Item(RequestedSupplement.MATERIAL, name, "may follow later (容缺受理)"))
                        .toList();
                return request(awaiting.matterId(), items, awaiting.since());
            }
            case EventTypes.MATTER_COMPLETED: {
                MatterCompleted completed = event.dataAs(MatterCompleted.class);
                return finish(completed.matterId(), MatterStates.COMPLETED, completed.completedAt());
            }
            case EventTypes.MATTER_REJECTED: {
                MatterRejected rejected = event.dataAs(MatterRejected.class);
                return finish(rejected.matterId(), MatterStates.REJECTED, rejected.rejectedAt());
            }
            case EventTypes.MATTER_CANCELLED: {
                MatterCancelled cancelled = event.dataAs(MatterCancelled.class);
                return finish(cancelled.matterId(), MatterStates.CANCELLED, cancelled.cancelledAt());
            }
            default:
                event.data(); // the rest does not concern intake; unknown types and malformed data are still poison
                return Uni.createFrom().voidItem();
        }
    }

    private record Item(String kind, String name, String reason) {
    }

    private Uni<Void> request(String matterId, List<Item> items, Instant at) {
        UUID id = parse(matterId);
        if (id == null || items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return SubmittedMatter.<SubmittedMatter>findById(id).chain(matter -> {
            if (matter == null || MatterStates.finished(matter.state)) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Item item : items) {
                chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                                insert into requested_supplement (matter_id, kind, name, reason, requested_at)
                                values (?1, ?2, ?3, ?4, ?5) on conflict do nothing""")
                        .setParameter(1, id).setParameter(2, item.kind()).setParameter(3, item.name())
                        .setParameter(4, item.reason())
                        .setParameter(5, (at == null ? clock.instant() : at).atOffset(java.time.ZoneOffset.UTC))
                        .executeUpdate()).replaceWithVoid());
            }
            return chain.invoke(() -> LOG.infof("matter %s: %d supplement item(s) requested", matterId, items.size()));
        });
    }

    private Uni<Void> finish(String matterId, String decided, Instant at) {
        UUID id = parse(matterId);
        if (id == null) {
            return Uni.createFrom().voidItem();
        }
        return SubmittedMatter.<SubmittedMatter>findById(id).chain(matter -> {
            if (matter == null) {
                return Uni.createFrom().voidItem();
            }
            String previous = matter.state;
            matter.state = MatterStates.afterDecision(previous, decided);
            if (matter.finishedAt == null) {
                matter.finishedAt = at;
            }
            return RequestedSupplement.delete("matterId", id)
                    .invoke(() -> LOG.infof("matter %s: %s (was %s)", matterId, matter.state, previous))
                    .replaceWithVoid();
        });
    }

    private static UUID parse(String matterId) {
        try {
            return matterId == null ? null : UUID.fromString(matterId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
