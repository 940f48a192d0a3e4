package io.tongban.messaging;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in id order and deletes them, a batch per pass. Woken right after a
 * commit (no polling delay); a periodic sweep catches rows left by a crash or by another instance.
 * A transaction-scoped advisory lock lets one relay at a time publish, which keeps each matter's events
 * in commit order even with several instances of a service. A crash between send and commit republishes
 * a batch: consumers de-duplicate by event id.
 * <p>
 * One pass serves many commits: the wakes that arrive while a pass runs are answered by a single next pass, and
 * only if one of them came after the pass began to read (an earlier commit's rows were in what it read). Under a
 * steady stream of commits a pass also waits until {@code tongban.outbox.coalesce} (2 ms) after the previous one
 * ended, so the commits of that moment share it; after a quiet moment a wake still starts its pass at once.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x746f6e6762616eL; // "tongban"
    private static final int BATCH = 500;
    // Takes the batch in one statement: the rows leave the table inside the pass's transaction and come back if a
    // send fails or the process dies before the commit, so deleting before sending loses nothing.
    private static final String TAKE = """
            delete from outbox_event where id in (select id from outbox_event order by id limit $1)
            returning id, event_id, topic, message_key, event_type, source, subject, payload, occurred_at, headers""";

    private static final String LEFTOVERS = "select exists (select 1 from outbox_event)";

    private final AtomicBoolean running = new AtomicBoolean();
    /** Counts wakes; a pass notes the count just before it reads, so a later wake shows a commit it may have missed. */
    private final AtomicLong wakes = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private volatile long lastPassEndedAt = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);

    @ConfigProperty(name = "tongban.outbox.coalesce", defaultValue = "2ms")
    Duration coalesce;

    @Inject
    Pool pool;

    @Inject
    OutboxPublisher publisher;

    /**
     * Readiness gate. Callers wake the relay from the start (the scheduler starts before Reactive Messaging, a
     * consumer or an HTTP callback may commit an event first), but the emitter exists only once Reactive Messaging
     * has wired its channels, in its own start-up observer (priority LIBRARY_BEFORE). Until then a wake-up is only
     * counted; {@link #messagingReady} runs after that observer and starts the pass it owes.
     */
    private volatile boolean ready;

    void messagingReady(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent started) {
        ready = true;
        wake();
    }

    /** Asks for a relay pass soon; passes never overlap within one instance. */
    public void wake() {
        wakes.incrementAndGet();
        if (ready && running.compareAndSet(false, true)) {
            startPass();
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

    /** Right away after a quiet moment; under a steady stream, {@code coalesce} after the previous pass ended. */
    private void startPass() {
        long wait = lastPassEndedAt + coalesce.toNanos() - System.nanoTime();
        if (wait <= 0) {
            pass();
        } else {
            Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofNanos(wait)).subscribe().with(
                    ignored -> pass(),
                    failure -> pass());
        }
    }

    /** Relay passes run so far, each one database transaction: the coalescing shows in this figure. */
    public long passes() {
        return passes.get();
    }

    private void pass() {
        passes.incrementAndGet();
        long[] readAfterWake = new long[] {-1};
        relayBatch(readAfterWake).subscribe().with(
                published -> passEnded(published == BATCH || published < 0, readAfterWake[0]),
                failure -> {
                    LOG.warnf("outbox relay pass failed, the sweep retries: %s", failure.getMessage());
                    passEnded(false, wakes.get());
                });
    }

    private void passEnded(boolean more, long wakesWhenRead) {
        lastPassEndedAt = System.nanoTime();
        running.set(false);
        // read only now: a wake counted before this line found the pass running and left the next pass to us;
        // a later one finds running false and starts its own
        boolean again = more || wakes.get() != wakesWhenRead;
        if (again && running.compareAndSet(false, true)) {
            startPass();
        }
    }

    /**
     * One batch: returns how many events were published, -1 when another instance holds the relay lock.
     * {@code readAfterWake[0]} receives the wake count just before the batch was read.
     */
    Uni<Integer> relayBatch(long[] readAfterWake) {
        return pool.withTransaction(conn -> conn.preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .chain(rows -> rows.iterator().next().getBoolean(0)
                        ? publishAndDelete(conn, readAfterWake)
                        : retryLater()));
    }

    private Uni<Integer> retryLater() {
        return Uni.createFrom().item(-1).onItem().delayIt().by(Duration.ofMillis(20));
    }

    private Uni<Integer> publishAndDelete(SqlConnection conn, long[] readAfterWake) {
        // every commit whose wake is counted here finished before the statement below starts, so it sees its rows
        readAfterWake[0] = wakes.get();
        return conn.preparedQuery(TAKE).execute(Tuple.of(BATCH)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Row> taken = new ArrayList<>(rows.size());
            rows.forEach(taken::add);
            // RETURNING gives no order: publish in commit (id) order, which keeps each matter's order
            taken.sort(Comparator.comparingLong(row -> row.getLong("id")));
            List<Uni<Void>> sends = new ArrayList<>(taken.size());
            for (Row row : taken) {
                sends.add(publisher.send(toMessage(row)));
            }
            return Uni.join().all(sends).andFailFast().replaceWith(taken.size());
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
