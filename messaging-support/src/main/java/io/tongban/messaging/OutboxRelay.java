package io.tongban.messaging;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tongban.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order, then deletes them. Woken right after a commit
 * (no polling delay); a periodic sweep catches rows left by a crash or by another instance.
 * A transaction-scoped advisory lock lets one relay at a time publish, which keeps each matter's events
 * in commit order even with several instances of a service. A crash between send and delete republishes
 * a batch: consumers de-duplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x746f6e6762616eL; // "tongban"
    private static final int BATCH = 500;
    private static final String SELECT = """
            select id, event_id, topic, message_key, event_type, source, subject, payload, occurred_at, headers
            from outbox_event order by id limit $1""";

    private static final String LEFTOVERS = "select exists (select 1 from outbox_event)";

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();

    @Inject
    Pool pool;

    @Inject
    OutboxPublisher publisher;

    /**
     * Readiness gate. Callers wake the relay from the start (the scheduler starts before Reactive Messaging, a
     * consumer or an HTTP callback may commit an event first), but the emitter exists only once Reactive Messaging
     * has wired its channels, in its own start-up observer (priority LIBRARY_BEFORE). Until then a wake-up is only
     * remembered; {@link #messagingReady} runs after that observer and does the remembered pass.
     */
    private volatile boolean ready;

    void messagingReady(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent started) {
        ready = true;
        wake();
    }

    /** Asks for a relay pass soon; passes never overlap within one instance. */
    public void wake() {
        requested.set(true);
        if (ready && running.compareAndSet(false, true)) {
            pass();
        }
    }

    /**
     * Every commit wakes the relay itself; the sweep is only for rows no pass published (a failed pass, a crash
     * between commit and relay, another instance gone). At rest there are none, so it asks with one statement outside
     * a transaction (no BEGIN, advisory lock, COMMIT: a quarter of the round trips) and starts a pass only when there
     * is something to publish.
     */
    @Scheduled(every = "${tongban.outbox.sweep-interval:1s}", delayed = "${tongban.outbox.sweep-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        pool.query(LEFTOVERS).execute().subscribe().with(
                rows -> {
                    if (rows.iterator().next().getBoolean(0)) {
                        wake();
                    }
                },
                failure -> LOG.warnf("outbox sweep failed, the next one tries again: %s", failure.getMessage()));
    }

    private void pass() {
        requested.set(false);
        relayBatch().subscribe().with(
                published -> {
                    running.set(false);
                    if (published == BATCH || requested.get()) {
                        wake();
                    }
                },
                failure -> {
                    running.set(false);
                    LOG.warnf("outbox relay pass failed, the sweep retries: %s", failure.getMessage());
                });
    }

    /** One batch: returns how many events were published, -1 when another instance holds the relay lock. */
    Uni<Integer> relayBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean(0)
                        ? publishAndDelete(conn)
                        : retryLater()));
    }

    private Uni<Integer> retryLater() {
        return Uni.createFrom().item(-1).onItem().delayIt().by(Duration.ofMillis(20))
                .invoke(() -> requested.set(true));
    }

    private Uni<Integer> publishAndDelete(SqlConnection conn) {
        return conn.preparedQuery(SELECT).execute(Tuple.of(BATCH)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Long> ids = new ArrayList<>();
            List<Uni<Void>> sends = new ArrayList<>();
            for (Row row : rows) {
                ids.add(row.getLong("id"));
                sends.add(publisher.send(toMessage(row)));
            }
            return Uni.join().all(sends).andFailFast()
                    .chain(() -> conn.preparedQuery("delete from outbox_event where id = any($1)")
                            .execute(Tuple.of(ids.toArray(new Long[0]))))
                    .map(RowSet::rowCount);
        });
    }

    private static RecordHeaders extraHeaders(String json) {
        RecordHeaders headers = new RecordHeaders();
        if (json != null) {
            try {
                Map<String, String> values = EventJson.mapper().readValue(json, new TypeReference<Map<String, String>>() { });
                values.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            } catch (JsonProcessingException e) {
                LOG.warnf("unreadable extra headers in the outbox, sent without them: %s", e.getOriginalMessage());
            }
        }
        return headers;
    }

    private static Message<String> toMessage(Row row) {
        OffsetDateTime occurred = row.getOffsetDateTime("occurred_at");
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(row.getUUID("event_id").toString())
                .withType(row.getString("event_type"))
                .withSource(URI.create(row.getString("source")))
                .withSubject(row.getString("subject"))
                .withTimestamp(occurred.atZoneSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(row.getString("message_key"))
                .withTopic(row.getString("topic"))
                .withHeaders(extraHeaders(row.getString("headers")))
                .build();
        return Message.of(row.getString("payload")).addMetadata(cloudEvent).addMetadata(kafka);
    }
}
