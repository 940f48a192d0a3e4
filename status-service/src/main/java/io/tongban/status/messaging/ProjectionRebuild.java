package io.tongban.status.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.matters.MatterRated;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.messaging.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds the progress view from the topics: empties the projection tables, then re-reads
 * {@code tongban.matters} and {@code tongban.workflow} from the beginning up to their end offsets, applying
 * the same projector code as the live consumers.
 *
 * <p>Why the live consumers may keep running: every workflow event is applied in its matter's sequence order
 * (next one applied, repeats ignored, early ones held), so the replay and the live consumer converge whichever
 * of them applies an event first — the other one finds it stale. The end offsets are read AFTER the tables were
 * emptied: an event the live consumer applied before the truncation is therefore below them and replayed; an
 * event after them is still ahead of the live consumer. The truncation waits for a live transaction in flight
 * (it holds row locks), so no half-applied event survives it. Matter events (submissions, ratings) are
 * idempotent upserts and are replayed first, as they arrive first in practice.
 */
@ApplicationScoped
public class ProjectionRebuild {
    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    private static final String TRUNCATE = """
            truncate table task_progress, timeline_entry, held_event, data_disclosure, matter_rating, matter_progress""";

    public record Result(long matterEvents, long workflowEvents, long skipped, long millis) {
    }

    /** Another rebuild is running: one at a time. */
    public static class AlreadyRunning extends RuntimeException {
        AlreadyRunning() {
            super("a rebuild is already running");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> brokerSettings;

    @Inject
    ProgressProjector projector;

    private final ReentrantLock running = new ReentrantLock();

    /** Blocking: call from a worker thread. */
    public Result rebuild() {
        if (!running.tryLock()) {
            throw new AlreadyRunning();
        }
        try {
            long start = System.nanoTime();
            await(() -> Panache.withTransaction(() -> Panache.getSession()
                    .chain(s -> s.createNativeQuery(TRUNCATE).executeUpdate())));
            LOG.info("progress view emptied; replaying tongban.matters and tongban.workflow from the beginning");
            long[] skipped = {0};
            long matters = replay(Topics.MATTERS, skipped);
            long workflow = replay(Topics.WORKFLOW, skipped);
            Result result = new Result(matters, workflow, skipped[0], (System.nanoTime() - start) / 1_000_000);
            LOG.infof("progress view rebuilt: %d matter events, %d workflow events, %d skipped, %d ms",
                    matters, workflow, skipped[0], result.millis());
            return result;
        } finally {
            running.unlock();
        }
    }

    private long replay(String topic, long[] skipped) {
        long count = 0;
        try (KafkaConsumer<String, String> reader = reader()) {
            List<PartitionInfo> infos = reader.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(reader.endOffsets(partitions));
            while (ends.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue; // after the rebuild started: the live consumer's part
                    }
                    if (apply(r)) {
                        count++;
                    } else {
                        skipped[0]++;
                    }
                }
            }
        }
        return count;
    }

    private boolean apply(ConsumerRecord<String, String> r) {
        String type = header(r, "ce_type");
        if (type == null || r.value() == null) {
            return false;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                await(() -> Panache.withTransaction(() -> project(r.topic(), type, r.value())));
                return true;
            } catch (PoisonEventException e) {
                // the live consumer dead-lettered it too
                LOG.warnf("rebuild skips %s@%d: %s", r.topic(), r.offset(), e.getMessage());
                return false;
            } catch (RuntimeException e) {
                if (attempt >= 5) {
                    throw e;
                }
                // a live consumer created the same row at the same moment: the next attempt finds it
                LOG.debugf("rebuild retries %s@%d: %s", r.topic(), r.offset(), e.getMessage());
            }
        }
    }

    private Uni<Void> project(String topic, String type, String json) {
        if (Topics.WORKFLOW.equals(topic)) {
            return projector.workflow(type, ProgressProjector.parse(type, json)).replaceWithVoid();
        }
        try {
            if (EventTypes.MATTER_SUBMITTED.equals(type)) {
                return projector.submitted(EventJson.mapper().readValue(json, MatterSubmitted.class));
            } else if (EventTypes.MATTER_RATED.equals(type)) {
                return projector.rated(EventJson.mapper().readValue(json, MatterRated.class));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PoisonEventException("malformed " + type + ": " + e.getOriginalMessage());
        }
        return Uni.createFrom().voidItem();
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable t) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> reader() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "status-service.rebuild-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(KafkaClientSecurity.addTo(p, brokerSettings));
    }
}
