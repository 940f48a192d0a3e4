package io.tongban.orchestrator.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tongban.messaging.OutboxRelay;
import io.tongban.orchestrator.config.OrchestratorConfig;
import io.tongban.orchestrator.persistence.MatterInstances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * 超时督办 and 容缺受理 deadlines: periodically raises the escalation levels reached by tasks of the matters this
 * instance owns (by tongban.matters partition), and ends those whose promised material was not supplied in time. Each matter is handled in its own
 * transaction under its row lock, with the events through the outbox, so a level is raised (or a matter ended)
 * once even while partitions move between instances.
 */
@ApplicationScoped
public class DeadlineWatcher {
    private static final Logger LOG = Logger.getLogger(DeadlineWatcher.class);

    @Inject
    @Identifier(OwnedPartitions.NAME)
    OwnedPartitions partitions;

    @Inject
    MatterInstances matters;

    @Inject
    WorkflowEngine engine;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    @Inject
    OrchestratorConfig config;

    @Scheduled(every = "${tongban.orchestrator.deadlines.scan-interval:10s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scan() {
        Set<Integer> owned = partitions.current();
        if (owned.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        int batch = config.deadlines().batchSize();
        return Panache.withSession(() -> matters.withPromiseDue(owned, now, batch)
                        .chain(promises -> matters.withEscalationDue(owned, now, batch).map(overdue -> {
                            Set<UUID> due = new LinkedHashSet<>(promises);
                            due.addAll(overdue);
                            return due;
                        })))
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> Panache.withTransaction(() -> engine.deadlinesReached(id)))
                .collect().last()
                .invoke(relay::wake)
                .onFailure().invoke(e -> LOG.warnf("deadline scan failed, the next one retries: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
