package io.tongban.gateway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskDeliveryFailed;
import io.tongban.contracts.department.DepartmentTaskReceived;
import io.tongban.gateway.config.GatewayConfig;
import io.tongban.gateway.domain.Backoff;
import io.tongban.gateway.domain.FieldMapping;
import io.tongban.gateway.persistence.Delivery;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutboxRelay;
import io.tongban.messaging.OutgoingEvent;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
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
import java.util.ArrayList;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Carries recorded deliveries (tasks, supplements, cancellations) to department systems over HTTP.
 * Claims a bounded batch, round-robin over the departments with due work and at most
 * {@code per-department-concurrency} in flight per department, so memory stays bounded and one department's
 * backlog never starves another. Posts each with the task id as {@code Idempotency-Key}, through the
 * department's circuit breaker, and records the outcome: delivered (and a "task received" result through
 * the outbox), a retry after back-off with jitter, or, after the last attempt, FAILED with a dead letter and
 * a "delivery failed" result in the same transaction, so the matter shows the problem instead of hanging.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** The same dead-letter topic as the task channel's poison records. */
    static final String DEAD_LETTER_TOPIC = Topics.deadLetterOf("tongban.dept.tasks", "department-gateway");
    private static final String CLAIM = """
            update delivery set state = 'SENDING', attempts = attempts + 1, claimed_at = now()
            where task_id in (
                select d.task_id from delivery d
                where d.state = 'PENDING' and d.task_id in (
                    select ranked.task_id from (
                        select task_id, department,
                               row_number() over (partition by department order by next_attempt_at) as turn
                        from delivery where state = 'PENDING' and next_attempt_at <= now()) ranked
                    left join (select department, count(*) as sending from delivery where state = 'SENDING'
                               group by department) busy on busy.department = ranked.department
                    left join unnest($3::text[], $4::int[]) as limits(department, in_flight)
                           on limits.department = ranked.department
                    where ranked.turn + coalesce(busy.sending, 0) <= coalesce(limits.in_flight, $2)
                    order by ranked.turn limit $1)
                for update skip locked)
            returning task_id, matter_id, department, payload, attempts, kind, message""";
    private static final String RECLAIM = """
            update delivery set state = 'PENDING' where state = 'SENDING' and claimed_at < $1""";

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    @Inject
    DepartmentBreakers breakers;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    private WebClient http;
    /** Each department's in-flight limit from the registry (or configuration), as the claim query takes them. */
    private String[] limitedDepartments;
    private Integer[] inFlightLimits;

    @PostConstruct
    void init() {
        // a broken field mapping stops the start, not the deliveries
        config.departments().forEach((department, settings) -> new FieldMapping(settings.fieldMapping()));
        List<String> departments = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        config.departments().forEach((department, settings) -> settings.inFlightLimit().ifPresent(limit -> {
            departments.add(department);
            limits.add(limit);
        }));
        limitedDepartments = departments.toArray(new String[0]);
        inFlightLimits = limits.toArray(new Integer[0]);
        int timeout = (int) config.delivery().timeout().toMillis();
        http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(timeout).setIdleTimeout(timeout / 1000 + 1)
                .setMaxPoolSize(config.delivery().concurrency()));
    }

    public void wake() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            pass();
        }
    }

    @Scheduled(every = "${tongban.gateway.delivery.sweep-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant stale = clock.instant().minus(config.delivery().timeout().multipliedBy(3));
        pool.preparedQuery(RECLAIM).execute(Tuple.of(stale.atOffset(ZoneOffset.UTC)))
                .subscribe().with(rows -> wake(), failure -> LOG.warnf("delivery sweep failed: %s", failure.getMessage()));
    }

    /**
     * Claims as many deliveries as there are free slots and starts them without waiting for the batch:
     * a slow department's deliveries hold their slots (at most per-department-concurrency of them), never
     * the next pass. Each finished delivery frees its slot and asks for another pass.
     */
    private void pass() {
        requested.set(false);
        int free = config.delivery().concurrency() - inFlight.get();
        if (free <= 0) {
            running.set(false);
            return;
        }
        pool.preparedQuery(CLAIM).execute(Tuple.of(free, config.delivery().perDepartmentConcurrency(),
                        limitedDepartments, inFlightLimits))
                .subscribe().with(rows -> {
                    rows.forEach(row -> {
                        inFlight.incrementAndGet();
                        Uni.createFrom().deferred(() -> deliver(row)).subscribe().with(done -> finished(), failure -> {
                            LOG.warnf("delivery of %s not recorded, the sweep retries: %s", row.getString("task_id"),
                                    failure.getMessage());
                            finished();
                        });
                    });
                    running.set(false);
                    if (rows.rowCount() == free || requested.get()) {
                        wake();
                    }
                }, failure -> {
                    running.set(false);
                    LOG.warnf("delivery pass failed, the sweep retries: %s", failure.getMessage());
                });
    }

    private void finished() {
        inFlight.decrementAndGet();
        wake();
    }

    private Uni<Void> deliver(Row row) {
        String taskId = row.getString("task_id");
        String department = row.getString("department");
        int attempt = row.getInteger("attempts");
        String kind = row.getString("kind");
        String endpoint = config.endpointOf(department);
        String url = Delivery.KIND_TASK.equals(kind) ? endpoint : endpoint + "/" + taskId + "/" + kind;
        String body = bodyFor(department, Delivery.KIND_TASK.equals(kind) ? row.getString("payload") : row.getString("message"));
        return breakers.of(department).get(() -> http.postAbs(url)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Idempotency-Key", Delivery.KIND_TASK.equals(kind) ? taskId : taskId + "/" + kind)
                        .timeout(config.delivery().timeout().toMillis())
                        .sendBuffer(Buffer.buffer(body))
                        .invoke(response -> {
                            if (response.statusCode() / 100 != 2) {
                                throw new DepartmentRefused(response.statusCode());
                            }
                        }))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure == null) {
                        return delivered(row);
                    }
                    if (failure instanceof CircuitBreakerOpenException) {
                        return waitForTheBreaker(taskId, department);
                    }
                    return retryLater(row, attempt, describe(failure));
                });
    }

    /** Our JSON, renamed and trimmed to the department's fields when it has a mapping. */
    private String bodyFor(String department, String json) {
        FieldMapping mapping = new FieldMapping(config.fieldMappingOf(department));
        if (mapping.isIdentity()) {
            return json;
        }
        try {
            Map<String, Object> ours = EventJson.mapper().readValue(json, new TypeReference<Map<String, Object>>() {
            });
            return EventJson.mapper().writeValueAsString(mapping.apply(ours));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded delivery is not JSON", e);
        }
    }

    private Uni<Void> delivered(Row row) {
        String taskId = row.getString("task_id");
        String matterId = row.getUUID("matter_id").toString();
        String department = row.getString("department");
        String kind = row.getString("kind");
        Instant now = clock.instant();
        if (Delivery.KIND_CANCELLATION.equals(kind)) {
            return pool.preparedQuery("update delivery set state = 'CANCELLED' where task_id = $1 and state = 'SENDING'")
                    .execute(Tuple.of(taskId))
                    .invoke(() -> LOG.infof("matter %s: cancellation of %s delivered to %s", matterId, taskId, department))
                    .replaceWithVoid();
        }
        if (Delivery.KIND_SUPPLEMENT.equals(kind)) {
            return pool.preparedQuery("""
                            update delivery set state = 'DELIVERED', deliveries = deliveries + 1, last_delivered_at = $2,
                                   waiting_since = case when deliveries = 0 then $2 else waiting_since end
                            where task_id = $1 and state = 'SENDING'""")
                    .execute(Tuple.of(taskId, now.atOffset(ZoneOffset.UTC)))
                    .invoke(() -> LOG.infof("matter %s: supplement for %s delivered to %s", matterId, taskId, department))
                    .replaceWithVoid();
        }
        DepartmentTaskReceived received = new DepartmentTaskReceived(taskId, matterId, department, now);
        return pool.withTransaction(conn -> conn.preparedQuery("""
                                update delivery set state = 'DELIVERED', delivered_at = coalesce(delivered_at, $2),
                                       deliveries = deliveries + 1, last_delivered_at = $2,
                                       waiting_since = case when deliveries = 0 then $2 else waiting_since end
                                where task_id = $1 and state = 'SENDING' returning deliveries""")
                        .execute(Tuple.of(taskId, now.atOffset(ZoneOffset.UTC)))
                        .chain(updated -> {
                            if (updated.rowCount() == 0) {
                                return Uni.createFrom().item(0);
                            }
                            int deliveries = updated.iterator().next().getInteger("deliveries");
                            // "received" once: a re-delivery of an unanswered task is no news for the matter
                            return deliveries > 1 ? Uni.createFrom().item(deliveries)
                                    : outbox.add(conn, OutgoingEvent.of(Topics.resultsOf(department), matterId, received, now))
                                    .replaceWith(deliveries);
                        }))
                .invoke(deliveries -> {
                    if (deliveries > 1) {
                        LOG.infof("matter %s: task %s delivered again to %s (delivery %d, unanswered)", matterId, taskId,
                                department, deliveries);
                    } else {
                        LOG.infof("matter %s: task %s delivered to %s", matterId, taskId, department);
                    }
                    relay.wake();
                })
                .replaceWithVoid();
    }

    /** An open breaker is not the delivery's fault: it waits for the breaker without using up an attempt. */
    private Uni<Void> waitForTheBreaker(String taskId, String department) {
        Duration wait = config.circuitBreaker().delay();
        return pool.preparedQuery("""
                        update delivery set state = 'PENDING', attempts = attempts - 1, next_attempt_at = $2,
                               last_error = 'circuit breaker open'
                        where task_id = $1 and state = 'SENDING'""")
                .execute(Tuple.of(taskId, clock.instant().plus(wait).atOffset(ZoneOffset.UTC)))
                .invoke(() -> {
                    LOG.debugf("task %s: circuit breaker of %s open, next try in %d ms", taskId, department, wait.toMillis());
                    vertx.setTimer(Math.max(1, wait.toMillis()), id -> wake());
                })
                .replaceWithVoid();
    }

    private Uni<Void> retryLater(Row row, int attempt, String error) {
        String taskId = row.getString("task_id");
        String department = row.getString("department");
        GatewayConfig.Delivery d = config.delivery();
        if (attempt >= d.maxAttempts()) {
            return giveUp(row, attempt, error);
        }
        Duration wait = Backoff.after(attempt, d.initialBackoff(), d.maxBackoff());
        OffsetDateTime next = clock.instant().plus(wait).atOffset(ZoneOffset.UTC);
        LOG.warnf("task %s: delivery to %s failed (attempt %d), retry in %d ms: %s", taskId, department, attempt,
                wait.toMillis(), error);
        return pool.preparedQuery("""
                        update delivery set state = 'PENDING', next_attempt_at = $2, last_error = $3
                        where task_id = $1 and state = 'SENDING'""")
                .execute(Tuple.of(taskId, next, error))
                .invoke(() -> vertx.setTimer(Math.max(1, wait.toMillis()), id -> wake()))
                .replaceWithVoid();
    }

    /**
     * After the last attempt: the delivery is FAILED, the task goes to the dead-letter topic and a
     * "delivery failed" result to the department's result topic, all in one transaction. A cancellation
     * that cannot be delivered just ends the delivery: the matter has moved on already.
     */
    private Uni<Void> giveUp(Row row, int attempt, String error) {
        String taskId = row.getString("task_id");
        String matterId = row.getUUID("matter_id").toString();
        String department = row.getString("department");
        boolean cancellation = Delivery.KIND_CANCELLATION.equals(row.getString("kind"));
        Instant now = clock.instant();
        LOG.errorf("matter %s: %s of task %s to %s failed for good after %d attempts: %s", matterId,
                row.getString("kind"), taskId, department, attempt, error);
        return pool.withTransaction(conn -> conn.preparedQuery("""
                                update delivery set state = $2, last_error = $3 where task_id = $1 and state = 'SENDING'""")
                        .execute(Tuple.of(taskId, cancellation ? Delivery.CANCELLED : Delivery.FAILED, error))
                        .chain(updated -> updated.rowCount() == 1 && !cancellation
                                ? deadLetterAndReport(conn, row, attempt, error, now)
                                : Uni.createFrom().voidItem()))
                .invoke(relay::wake);
    }

    private Uni<Void> deadLetterAndReport(SqlConnection conn, Row row, int attempt, String error, Instant now) {
        String taskId = row.getString("task_id");
        String matterId = row.getUUID("matter_id").toString();
        String department = row.getString("department");
        DepartmentTaskAssigned task = readTask(row.getString("payload"));
        OutgoingEvent deadLetter = new OutgoingEvent(UUID.randomUUID(), DEAD_LETTER_TOPIC, matterId,
                EventTypes.DEPARTMENT_TASK_ASSIGNED, task, now)
                .withHeader("dead-letter-reason", "delivery to " + department + " failed after " + attempt
                        + " attempts: " + error);
        DepartmentTaskDeliveryFailed failed = new DepartmentTaskDeliveryFailed(taskId, matterId, department, attempt, error, now);
        return outbox.add(conn, deadLetter)
                .chain(() -> outbox.add(conn, OutgoingEvent.of(Topics.resultsOf(department), matterId, failed, now)));
    }

    private static DepartmentTaskAssigned readTask(String json) {
        try {
            return EventJson.mapper().readValue(json, DepartmentTaskAssigned.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded task is not JSON", e);
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof DepartmentRefused refused) {
            return "HTTP " + refused.status;
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** A non-2xx answer: a failure for the retry and for the circuit breaker. */
    static final class DepartmentRefused extends RuntimeException {
        final int status;

        DepartmentRefused(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }
}
