package io.tongban.orchestrator.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.tongban.messaging.QueryPreparation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Does once at start-up what the first matters and results would otherwise do on the event loop: parse the HQL of
 * loading a matter with its tasks and of the deadline scans, loading Hibernate's classes with it. In the e2e run
 * under load that first work showed as "Thread blocked" in the orchestrator's log. The parsing happens here on the
 * start-up thread ({@link QueryPreparation}); running the queries once for a matter that does not exist, which
 * Hibernate Reactive allows on its event loop alone, is all that is left to the event loop. A failure only costs the
 * warm-up (the database may still be starting).
 */
@ApplicationScoped
public class MatterQueriesWarmUp {
    private static final Logger LOG = Logger.getLogger(MatterQueriesWarmUp.class);

    @Inject
    MatterInstances matters;

    @Inject
    Mutiny.SessionFactory sessions;

    void warmUp(@Observes StartupEvent start) {
        long started = System.nanoTime();
        // the deadline scans as written in MatterInstances and the finds in Panache's own text (cache hits on the
        // event loop); Panache words its count differently, it is still parsed there (the log counts it)
        long prepared = QueryPreparation.prepare(sessions, Map.of(
                "SELECT COUNT(*) FROM MatterInstanceEntity WHERE id = ?1", Long.class,
                "FROM TaskInstanceEntity WHERE matterId = ?1", TaskInstanceEntity.class,
                "FROM TaskInstanceEntity WHERE taskId in ?1", TaskInstanceEntity.class,
                "select distinct t.matterId from TaskInstanceEntity t, MatterInstanceEntity m"
                        + " where m.id = t.matterId and t.nextEscalationAt <= :now and m.partition in (:partitions)",
                UUID.class,
                "select m.id from MatterInstanceEntity m where m.promiseDueAt <= :now and m.partition in (:partitions)",
                UUID.class))
                + QueryPreparation.preparePanacheFind(sessions, TaskInstanceEntity.class, "matterId", 1, null)
                + QueryPreparation.preparePanacheFind(sessions, TaskInstanceEntity.class, "taskId in ?1", 1, null);
        UUID none = new UUID(0, 0);
        int cached = QueryPreparation.cachedInterpretations(sessions);
        long onLoop = System.nanoTime();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> matters.exists(none)
                    .chain(() -> matters.lockAndLoad(none))
                    .chain(() -> TaskInstanceEntity.list("matterId", none))
                    .chain(() -> TaskInstanceEntity.list("taskId in ?1", List.of("warm-up")))
                    .chain(() -> matters.withEscalationDue(Set.of(0), Instant.EPOCH, 1))
                    .chain(() -> matters.withPromiseDue(Set.of(0), Instant.EPOCH, 1))));
            LOG.infof("matter queries warmed up in %d ms (prepared off the event loop in %d ms,"
                    + " run on it in %d ms, %d queries parsed there)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), prepared,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - onLoop),
                    QueryPreparation.cachedInterpretations(sessions) - cached);
        } catch (Throwable e) {
            LOG.warnf("matter queries not warmed up (the first matters will be slower): %s", e.getMessage());
        }
    }
}
