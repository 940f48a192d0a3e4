package io.tongban.status.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tongban.messaging.QueryPreparation;
import io.tongban.status.persistence.MatterProgress;
import io.tongban.status.persistence.TaskProgress;
import io.tongban.status.persistence.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Runs the applicant views' queries once at start-up, before the HTTP port opens. The first run of each HQL query
 * parses it and loads Hibernate's, Jackson's and our view classes — on a busy 2-core machine that held the event
 * loop of the first requests for up to 12 s (and showed as "Thread blocked" in the log). Here it happens while
 * nobody waits, and the parts that need no database — parsing the HQL ({@link QueryPreparation}) and writing a view
 * as JSON — on the start-up thread: only running the queries, which Hibernate Reactive allows on its event loop
 * alone, is left to the event loop. A failure only costs the warm-up (the database may still be starting: requests
 * then get a 503).
 */
@ApplicationScoped
public class ViewWarmUp {
    private static final Logger LOG = Logger.getLogger(ViewWarmUp.class);
    private static final Sort MY_MATTERS_ORDER = Sort.descending("submittedAt").and("matterId");
    private static final String NOBODY = "warm-up-" + UUID.randomUUID();

    @Inject
    ProgressViews views;

    @Inject
    ObjectMapper json;

    @Inject
    Mutiny.SessionFactory sessions;

    void warmUp(@Observes StartupEvent start) {
        long started = System.nanoTime();
        // full HQL loads and warms the parser; the views' finds are also prepared in Panache's own text, so the event
        // loop finds them parsed (the log counts what is still parsed there)
        long prepared = QueryPreparation.prepare(sessions, Map.of(
                "FROM TaskProgress WHERE matterId = ?1", TaskProgress.class,
                "FROM TimelineEntry WHERE matterId = ?1 order by sequence", TimelineEntry.class,
                "FROM MatterProgress WHERE applicantId = ?1 ORDER BY submittedAt DESC , matterId", MatterProgress.class,
                "FROM MatterProgress WHERE applicantId = ?1 and state = ?2 ORDER BY submittedAt DESC , matterId",
                MatterProgress.class))
                + QueryPreparation.preparePanacheFind(sessions, TaskProgress.class, "matterId", 1, null)
                + QueryPreparation.preparePanacheFind(sessions,
                        TimelineEntry.class, "matterId = ?1 order by sequence", 1, null)
                + QueryPreparation.preparePanacheFind(sessions,
                        MatterProgress.class, "applicantId = ?1", 1, MY_MATTERS_ORDER)
                + QueryPreparation.preparePanacheFind(sessions,
                        MatterProgress.class, "applicantId = ?1 and state = ?2", 2,
                        MY_MATTERS_ORDER);
        int cached = QueryPreparation.cachedInterpretations(sessions);
        long onLoop = System.nanoTime();
        try {
            Object view = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> {
                MatterProgress none = new MatterProgress();
                none.matterId = new UUID(0, 0);
                none.applicantId = NOBODY;
                none.matterType = "newborn";
                none.state = "RUNNING";
                none.submittedAt = Instant.EPOCH;
                return MatterProgress.<MatterProgress>findById(none.matterId)
                        .chain(() -> myMatters("applicantId = ?1", NOBODY))
                        .chain(() -> myMatters("applicantId = ?1 and state = ?2", NOBODY, "COMPLETED"))
                        .chain(() -> views.load(none));
            }));
            long ranOnLoop = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - onLoop);
            json.writeValueAsString(view);
            LOG.infof("applicant views warmed up in %d ms (queries prepared off the event loop in %d ms,"
                    + " run on it in %d ms, %d queries parsed there)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), prepared, ranOnLoop,
                    QueryPreparation.cachedInterpretations(sessions) - cached);
        } catch (Throwable e) {
            LOG.warnf("applicant views not warmed up (the first requests will be slower): %s", e.getMessage());
        }
    }

    private static Uni<Long> myMatters(String query, Object... params) {
        var found = MatterProgress.<MatterProgress>find(query, MY_MATTERS_ORDER, params)
                .page(Page.of(0, 20));
        return found.list().chain(found::count);
    }
}
