package io.tongban.gateway.messaging;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskReceived;
import io.tongban.gateway.config.GatewayConfig;
import io.tongban.gateway.domain.Backoff;
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
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Carries recorded deliveries to department systems over HTTP. Claims a bounded batch (so memory stays
 * bounded whatever the backlog), posts each with the task id as {@code Idempotency-Key}, and records the
 * outcome: delivered (and a "task received" result through the outbox) or a retry after back-off with
 * jitter. Claims left by a crash are taken back by the sweep; the department de-duplicates on the key.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    private static final String CLAIM = """
            update delivery set state = 'SENDING', attempts = attempts + 1, claimed_at = now()
            where task_id in (select task_id from delivery where state = 'PENDING' and next_attempt_at <= now()
                              order by next_attempt_at limit $1 for update skip locked)
            returning task_id, matter_id, department, payload, attempts""";
    private static final String RECLAIM = """
            update delivery set state = 'PENDING' where state = 'SENDING' and claimed_at < $1""";

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    private WebClient http;

    @PostConstruct
    void init() {
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

    private void pass() {
        requested.set(false);
        int limit = config.delivery().concurrency();
        pool.preparedQuery(CLAIM).execute(Tuple.of(limit))
                .chain(rows -> {
                    List<Row> claimed = new ArrayList<>();
                    rows.forEach(claimed::add);
                    return Multi.createFrom().iterable(claimed)
                            .onItem().transformToUniAndMerge(this::deliver)
                            .collect().asList().map(done -> claimed.size());
                })
                .subscribe().with(count -> {
                    running.set(false);
                    if (count == limit || requested.get()) {
                        wake();
                    }
                }, failure -> {
                    running.set(false);
                    LOG.warnf("delivery pass failed, the sweep retries: %s", failure.getMessage());
                });
    }

    private Uni<Void> deliver(Row row) {
        String taskId = row.getString("task_id");
        String department = row.getString("department");
        int attempt = row.getInteger("attempts");
        String endpoint = config.endpointOf(department);
        return http.postAbs(endpoint)
                .putHeader("Content-Type", "application/json")
                .putHeader("Idempotency-Key", taskId)
                .timeout(config.delivery().timeout().toMillis())
                .sendBuffer(Buffer.buffer(row.getString("payload")))
                .onItemOrFailure().transformToUni((response, failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        return delivered(row);
                    }
                    return retryLater(taskId, department, attempt, describe(response, failure));
                });
    }

    private Uni<Void> delivered(Row row) {
        String taskId = row.getString("task_id");
        String matterId = row.getUUID("matter_id").toString();
        String department = row.getString("department");
        Instant now = clock.instant();
        DepartmentTaskReceived received = new DepartmentTaskReceived(taskId, matterId, department, now);
        return pool.withTransaction(conn -> conn.preparedQuery(
                                "update delivery set state = 'DELIVERED', delivered_at = $2 where task_id = $1 and state = 'SENDING'")
                        .execute(Tuple.of(taskId, now.atOffset(ZoneOffset.UTC)))
                        .chain(updated -> updated.rowCount() == 1
                                ? outbox.add(conn, OutgoingEvent.of(Topics.resultsOf(department), matterId, received, now))
                                : Uni.createFrom().voidItem()))
                .invoke(() -> {
                    LOG.infof("matter %s: task %s delivered to %s", matterId, taskId, department);
                    relay.wake();
                });
    }

    private Uni<Void> retryLater(String taskId, String department, int attempt, String error) {
        GatewayConfig.Delivery d = config.delivery();
        boolean giveUp = attempt >= d.maxAttempts();
        Duration wait = Backoff.after(attempt, d.initialBackoff(), d.maxBackoff());
        OffsetDateTime next = clock.instant().plus(wait).atOffset(ZoneOffset.UTC);
        if (giveUp) {
            LOG.errorf("task %s: delivery to %s failed for good after %d attempts: %s", taskId, department, attempt, error);
        } else {
            LOG.warnf("task %s: delivery to %s failed (attempt %d), retry in %d ms: %s", taskId, department, attempt,
                    wait.toMillis(), error);
        }
        return pool.preparedQuery("""
                        update delivery set state = $2, next_attempt_at = $3, last_error = $4
                        where task_id = $1 and state = 'SENDING'""")
                .execute(Tuple.of(taskId, giveUp ? "FAILED" : "PENDING", next, error))
                .invoke(() -> {
                    if (!giveUp) {
                        vertx.setTimer(Math.max(1, wait.toMillis()), id -> wake());
                    }
                })
                .replaceWithVoid();
    }

    private static String describe(HttpResponse<Buffer> response, Throwable failure) {
        if (failure != null) {
            return failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        return "HTTP " + response.statusCode();
    }

}
