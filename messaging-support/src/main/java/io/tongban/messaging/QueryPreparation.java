package io.tongban.messaging;

import io.quarkus.panache.common.Sort;
import io.quarkus.panache.hibernate.common.runtime.PanacheJpaUtil;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hibernate.query.sqm.internal.SqmCriteriaNodeBuilder;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Parses HQL queries into Hibernate's query interpretation cache on the calling thread — a start-up thread, never
 * an event loop. A session of Hibernate Reactive can only be used on its Vert.x event loop, so a warm-up that runs
 * real queries runs there; left alone, the first parse of HQL (loading the parser's and the query model's classes,
 * building the parser's tables) then held that event loop for seconds on a busy 2-core machine ("Thread blocked").
 * Parsed here first, the event loop finds the same query text in the cache, and any other text (Panache words its
 * generated queries its own way) parses there with the parser already loaded and warm: milliseconds, not seconds.
 */
public final class QueryPreparation {
    private static final Logger LOG = Logger.getLogger(QueryPreparation.class);

    private QueryPreparation() {
    }

    /**
     * Interprets each query (HQL text to its expected result type) and returns the milliseconds it took. Must not
     * be called on an event loop. A query that does not parse is logged and skipped: it fails again, with
     * Hibernate's message, where it is really used.
     */
    public static long prepare(Mutiny.SessionFactory sessions, Map<String, Class<?>> queries) {
        long started = System.nanoTime();
        if (!(sessions.getCriteriaBuilder() instanceof SqmCriteriaNodeBuilder builder)) {
            // another Hibernate generation: the warm-up on the event loop still works, only slower
            LOG.warnf("queries not prepared off the event loop: no query engine in %s",
                    sessions.getCriteriaBuilder().getClass().getSimpleName());
            return 0;
        }
        queries.forEach((hql, resultType) -> {
            try {
                builder.getQueryEngine().interpretHql(hql, resultType);
            } catch (RuntimeException e) {
                LOG.warnf("query not prepared (%s): %s", e.getMessage(), hql);
            }
        });
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /**
     * Interprets the text Panache builds for {@code Entity.find(query, sort, parameters…)} (and {@code list},
     * which is the same), under the same cache key Panache's query uses (no result type), so the event loop finds
     * it parsed.
     * Returns the milliseconds it took.
     */
    public static long preparePanacheFind(Mutiny.SessionFactory sessions, Class<?> entity, String query, int parameters,
                                          Sort sort) {
        long started = System.nanoTime();
        String hql = PanacheJpaUtil.createFindQuery(entity, query, parameters)
                + (sort == null ? "" : PanacheJpaUtil.toOrderBy(sort));
        if (sessions.getCriteriaBuilder() instanceof SqmCriteriaNodeBuilder builder) {
            try {
                builder.getQueryEngine().interpretHql(hql, null);
            } catch (RuntimeException e) {
                LOG.warnf("query not prepared (%s): %s", e.getMessage(), hql);
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /**
     * How many HQL interpretations Hibernate holds, or -1 if it cannot tell: read before and after the queries run
     * on the event loop, the difference is what was still parsed there (a text Panache builds differently).
     */
    public static int cachedInterpretations(Mutiny.SessionFactory sessions) {
        return sessions.getCriteriaBuilder() instanceof SqmCriteriaNodeBuilder builder
                ? builder.getQueryEngine().getInterpretationCache().getNumberOfCachedHqlInterpretations()
                : -1;
    }
}
