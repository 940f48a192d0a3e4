package io.tongban.gateway.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskStalled;
import io.tongban.gateway.config.DepartmentMode;
import io.tongban.gateway.config.GatewayConfig;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutboxRelay;
import io.tongban.messaging.OutgoingEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Nothing waits silently on a department. A task its system took (2xx) and left unanswered past the department's
 * answer timeout is delivered again, same Idempotency-Key (the contract asks the department to answer every delivery,
 * so a lost answer comes back); after the department's last delivery it is <em>stalled</em>: a
 * {@code tongban.department-task.stalled.v1} on the department's result topic through the outbox, once, an entry in
 * {@code GET /ops/stalled-tasks} and the gauge {@code tongban.gateway.stalled.tasks}. An answer that arrives later
 * still completes the task as usual.
 * <p>
 * A clerk work-queue task is not delivered again (the queue is the department's system: the task is there all
 * along); it is reported stalled once it has waited as long as an HTTP department's task would before stalling
 * (answer timeout × max deliveries).
 * <p>
 * Rows are taken with {@code for update skip locked}, so several gateway instances scan side by side without taking
 * the same task twice, and the stalled event is written in the same transaction as the mark that makes it "once".
 */
@ApplicationScoped
public class AnswerReconciliation {
    private static final Logger LOG = Logger.getLogger(AnswerReconciliation.class);
    /** Each configured department's wait before it is due, in ms; every other department waits the default. */
    private static final String DUE = """
            select d.task_id, d.matter_id, d.department, d.state, d.deliveries, d.waiting_since, d.last_delivered_at
            from delivery d
            left join unnest($2::text[], $3::bigint[]) as o(department, due_after_ms) on o.department = d.department
            where d.state in ('DELIVERED', 'OPEN', 'CLAIMED') and d.stalled_at is null
              and d.last_delivered_at <= $1::timestamptz - make_interval(secs => coalesce(o.due_after_ms, $4) / 1000.0)
            order by d.last_delivered_at
            limit $5
            for update of d skip locked""";
    private static final String DELIVER_AGAIN = """
            update delivery set state = 'PENDING', attempts = 0, next_attempt_at = $2, last_error = null
            where task_id = $1""";
    private static final String STALLED = """
            select count(*) from delivery
            where stalled_at is not null and state in ('PENDING', 'SENDING', 'DELIVERED', 'OPEN', 'CLAIMED')""";

    @Inject
    Pool pool;

    @Inject
    GatewayConfig config;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    DeliveryWorker worker;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private final AtomicLong stalledNow = new AtomicLong();
    private Counter redeliveries;
    private Counter stalls;

    @PostConstruct
    void init() {
        // a gauge of the database's state: every instance reports the same figure (take the max, not the sum)
        Gauge.builder("tongban.gateway.stalled.tasks", stalledNow, AtomicLong::get)
                .description("Tasks unanswered through every delivery (or waiting in a clerk queue too long), not yet answered")
                .register(registry);
        redeliveries = Counter.builder("tongban.gateway.redeliveries")
                .description("Unanswered tasks delivered again after the department's answer timeout").register(registry);
        stalls = Counter.builder("tongban.gateway.stalls").description("Tasks reported stalled").register(registry);
    }

    @Scheduled(every = "${tongban.gateway.reconciliation.scan-interval:5s}", delayed = "${tongban.gateway.reconciliation.scan-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scan() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(conn -> dueTasks(conn, now).chain(rows -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Row row : rows) {
                        chain = chain.chain(redelivered -> reconcile(conn, row, now)
                                .map(again -> again ? redelivered + 1 : redelivered));
                    }
                    return chain;
                }))
                .invoke(redelivered -> {
                    if (redelivered > 0) {
                        worker.wake();
                    }
                    relay.wake();
                })
                .chain(() -> pool.preparedQuery(STALLED).execute())
                .invoke(rows -> stalledNow.set(rows.iterator().next().getLong(0)))
                .onFailure().invoke(failure -> LOG.warnf("reconciliation scan failed, the next one retries: %s",
                        failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> dueTasks(SqlConnection conn, Instant now) {
        List<String> departments = new ArrayList<>();
        List<Long> dueAfter = new ArrayList<>();
        config.departments().keySet().forEach(department -> {
            departments.add(department);
            dueAfter.add(dueAfter(department).toMillis());
        });
        return conn.preparedQuery(DUE).execute(Tuple.from(List.of(now.atOffset(ZoneOffset.UTC),
                departments.toArray(new String[0]), dueAfter.toArray(new Long[0]),
                config.reconciliation().answerTimeout().toMillis(), config.reconciliation().batch())));
    }

    /** How long a task of this department may wait on its current delivery before the scan acts on it. */
    private Duration dueAfter(String department) {
        Duration timeout = config.answerTimeout(department);
        return DepartmentMode.CLERK.equals(config.modeOf(department))
                ? timeout.multipliedBy(config.maxDeliveries(department))
                : timeout;
    }

    /** True when the task is delivered again, false when it is reported stalled. */
    private Uni<Boolean> reconcile(SqlConnection conn, Row row, Instant now) {
        String taskId = row.getString("task_id");
        String matterId = row.getUUID("matter_id").toString();
        String department = row.getString("department");
        int deliveries = row.getInteger("deliveries");
        boolean clerkQueue = !"DELIVERED".equals(row.getString("state"));
        if (!clerkQueue && deliveries < config.maxDeliveries(department)) {
            LOG.warnf("matter %s: task %s unanswered by %s %d s after delivery %d: delivering it again", matterId, taskId,
                    department, config.answerTimeout(department).toSeconds(), deliveries);
            redeliveries.increment();
            return conn.preparedQuery(DELIVER_AGAIN).execute(Tuple.of(taskId, now.atOffset(ZoneOffset.UTC))).replaceWith(true);
        }
        Instant waitingSince = row.getOffsetDateTime("waiting_since") == null
                ? row.getOffsetDateTime("last_delivered_at").toInstant()
                : row.getOffsetDateTime("waiting_since").toInstant();
        DepartmentTaskStalled stalled = new DepartmentTaskStalled(taskId, matterId, department, deliveries, waitingSince, now);
        LOG.errorf("matter %s: task %s STALLED, %s has not answered since %s (%d deliveries)", matterId, taskId, department,
                waitingSince, deliveries);
        stalls.increment();
        return conn.preparedQuery("update delivery set stalled_at = $2 where task_id = $1")
                .execute(Tuple.of(taskId, now.atOffset(ZoneOffset.UTC)))
                .chain(() -> outbox.add(conn, OutgoingEvent.of(Topics.resultsOf(department), matterId, stalled, now)))
                .replaceWith(false);
    }
}
