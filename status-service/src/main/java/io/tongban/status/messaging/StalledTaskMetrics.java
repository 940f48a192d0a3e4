package io.tongban.status.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Gauge {@code tongban_tasks_stalled} (label department): tasks a department took but did not answer through every
 * re-delivery, as the progress view holds them. Read from the view (not counted per event) so that every instance
 * reports the same figure and a restart or a projection rebuild cannot skew it. A department whose stalls cleared
 * keeps its series at 0, so an alert on it resolves.
 */
@ApplicationScoped
public class StalledTaskMetrics {
    private static final Logger LOG = Logger.getLogger(StalledTaskMetrics.class);
    private static final String BY_DEPARTMENT = """
            select department, count(*) from task_progress where stalled_since is not null group by department""";

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> stalled = new ConcurrentHashMap<>();

    @Scheduled(every = "${tongban.status.stalled.interval:15s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(BY_DEPARTMENT, Object[].class)
                        .getResultList()))
                .invoke(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(r -> counts.put((String) r[0], ((Number) r[1]).longValue()));
                    counts.keySet().forEach(this::gaugeOf);
                    stalled.forEach((department, value) -> value.set(counts.getOrDefault(department, 0L)));
                })
                .onFailure().invoke(e -> LOG.warnf("stalled-task gauge not refreshed, the next run retries: %s",
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private AtomicLong gaugeOf(String department) {
        return stalled.computeIfAbsent(department, d -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tongban_tasks_stalled", value, AtomicLong::get)
                    .description("Tasks delivered to the department and unanswered through every re-delivery")
                    .tags(Tags.of("department", d)).strongReference(true).register(registry);
            return value;
        });
    }
}
