package io.tongban.status.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tongban.status.persistence.MatterProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the applicant views' queries once at start-up, before the HTTP port opens. The first run of each HQL query
 * parses it and loads Hibernate's, Jackson's and our view classes — on a busy 2-core machine that held the event
 * loop of the first requests for up to 12 s (and showed as "Thread blocked" in the log). Here it happens while
 * nobody waits; a failure only costs the warm-up (the database may still be starting: requests then get a 503).
 */
@ApplicationScoped
public class ViewWarmUp {
    private static final Logger LOG = Logger.getLogger(ViewWarmUp.class);
    private static final String NOBODY = "warm-up-" + UUID.randomUUID();

    @Inject
    ProgressViews views;

    @Inject
    ObjectMapper json;

    void warmUp(@Observes StartupEvent start) {
        long started = System.nanoTime();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> {
                MatterProgress none = new MatterProgress();
                none.matterId = new UUID(0, 0);
                none.applicantId = NOBODY;
                none.matterType = "newborn";
                none.state = "RUNNING";
                none.submittedAt = Instant.EPOCH;
                return MatterProgress.<MatterProgress>findById(none.matterId)
                        .chain(() -> views.load(none))
                        .invoke(progress -> {
                            try {
                                json.writeValueAsString(progress);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .chain(() -> myMatters("applicantId = ?1", NOBODY))
                        .chain(() -> myMatters("applicantId = ?1 and state = ?2", NOBODY, "COMPLETED"));
            }));
            LOG.infof("applicant views warmed up in %d ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Throwable e) {
            LOG.warnf("applicant views not warmed up (the first requests will be slower): %s", e.getMessage());
        }
    }

    private static Uni<Long> myMatters(String query, Object... params) {
        var found = MatterProgress.<MatterProgress>find(query, Sort.descending("submittedAt").and("matterId"), params)
                .page(Page.of(0, 20));
        return found.list().chain(found::count);
    }
}
