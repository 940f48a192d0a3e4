package io.tongban.intake.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.tongban.catalogue.FormValidator;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.intake.persistence.MatterMaterial;
import io.tongban.intake.persistence.RequestedSupplement;
import io.tongban.intake.persistence.SubmittedMatter;
import io.tongban.messaging.QueryPreparation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Does once at start-up, before the HTTP port opens, what the first requests would otherwise do on the event loop:
 * compile every matter type's form schema (the validator compiles on first use) and parse the HQL of the submit,
 * list and detail queries, loading Hibernate's and Jackson's classes with them. On a busy 2-core machine that first
 * work held an event loop for seconds. The schemas compile and the HQL parses here on the start-up thread
 * ({@link QueryPreparation}); only running the queries, which Hibernate Reactive allows on its event loop alone, is
 * left to the event loop. A failure only costs the warm-up (the database may still be starting).
 */
@ApplicationScoped
public class RequestWarmUp {
    private static final Logger LOG = Logger.getLogger(RequestWarmUp.class);

    @Inject
    MatterCatalogue catalogue;

    @Inject
    FormValidator formValidator;

    @Inject
    ObjectMapper json;

    @Inject
    Mutiny.SessionFactory sessions;

    void warmUp(@Observes StartupEvent start) {
        long started = System.nanoTime();
        for (MatterDefinition definition : catalogue.latestOfEach()) {
            formValidator.validate(definition, json.createObjectNode());
        }
        // full HQL loads and warms the parser; Panache's finds are also prepared in Panache's own text (cache hits on
        // the event loop); its counts are worded differently and still parsed there (the log counts them)
        long prepared = QueryPreparation.prepare(sessions, Map.of(
                "FROM SubmittedMatter WHERE applicantId = ?1 and idempotencyKey = ?2", SubmittedMatter.class,
                "FROM SubmittedMatter WHERE id = ?1 and applicantId = ?2", SubmittedMatter.class,
                "FROM SubmittedMatter WHERE applicantId = ?1 order by submittedAt desc, id", SubmittedMatter.class,
                "SELECT COUNT(*) FROM SubmittedMatter WHERE applicantId = ?1", Long.class,
                "FROM MatterMaterial WHERE matterId = ?1 and name = ?2", MatterMaterial.class,
                "FROM RequestedSupplement WHERE matterId = ?1 order by kind, name", RequestedSupplement.class))
                + QueryPreparation.preparePanacheFind(sessions, SubmittedMatter.class,
                        "applicantId = ?1 and idempotencyKey = ?2", 2, null)
                + QueryPreparation.preparePanacheFind(sessions,
                        SubmittedMatter.class, "id = ?1 and applicantId = ?2", 2, null)
                + QueryPreparation.preparePanacheFind(sessions, SubmittedMatter.class,
                        "applicantId = ?1 order by submittedAt desc, id", 1, null)
                + QueryPreparation.preparePanacheFind(sessions,
                        MatterMaterial.class, "matterId = ?1 and name = ?2", 2, null)
                + QueryPreparation.preparePanacheFind(sessions, RequestedSupplement.class,
                        "matterId = ?1 order by kind, name", 1, null);
        String nobody = "warm-up-" + UUID.randomUUID();
        UUID none = new UUID(0, 0);
        int cached = QueryPreparation.cachedInterpretations(sessions);
        long onLoop = System.nanoTime();
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                    SubmittedMatter.findByIdempotencyKey(nobody, "warm-up")
                            .chain(() -> SubmittedMatter.findOwned(none, nobody))
                            .chain(() -> SubmittedMatter.pageOf(nobody, 0, 20))
                            .chain(() -> SubmittedMatter.countOf(nobody))
                            .chain(() -> MatterMaterial.summariesOf(none))
                            .chain(() -> MatterMaterial.find(none, "warm-up"))
                            .chain(() -> RequestedSupplement.openFor(none))));
            LOG.infof("forms and queries warmed up in %d ms (queries prepared off the event loop in %d ms,"
                    + " run on it in %d ms, %d queries parsed there)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), prepared,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - onLoop),
                    QueryPreparation.cachedInterpretations(sessions) - cached);
        } catch (Throwable e) {
            LOG.warnf("queries not warmed up (the first requests will be slower): %s", e.getMessage());
        }
    }
}
