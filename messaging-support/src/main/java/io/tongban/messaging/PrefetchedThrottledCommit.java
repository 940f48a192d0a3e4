package io.tongban.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.commit.ContextHolder;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.commit.KafkaThrottledLatestProcessedCommit;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The connector's {@code throttled} commit strategy (commit the latest offset processed in sequence, periodically),
 * with one change: the committed offsets it starts each partition from are read when the partition is assigned,
 * not when the partition's first record arrives.
 * <p>
 * Why: the throttled strategy creates a partition's offset store lazily and asks the broker for the partition's
 * committed offset on the consumer's polling thread. That thread is then already blocked in the next
 * {@code poll(poll-timeout)}, which returns only at its timeout when no further record comes, so the first record of
 * every partition after an assignment (a start, a rebalance, a new pattern-matched topic) waited a whole poll
 * timeout before its handler ran: ~1 s per hop with the default 1 s, which is why every service used to poll every
 * 20 ms. Here the offsets are read inside the rebalance callback, on the polling thread, where the consumer may be
 * called directly, and handed to the strategy when it asks; so no record waits for a poll and the poll timeout can
 * stay at its default. Everything else (what is committed, when, the revocation commit, the health check) is the
 * connector's own strategy, unchanged. If the read at assignment fails, the strategy asks the broker itself, as
 * before (slower, still correct).
 * <p>
 * Use: {@code mp.messaging.connector.smallrye-kafka.commit-strategy=throttled-prefetched}.
 */
public final class PrefetchedThrottledCommit extends ContextHolder implements KafkaCommitHandler {
    public static final String STRATEGY = "throttled-prefetched";
    private static final Logger LOG = Logger.getLogger(PrefetchedThrottledCommit.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaThrottledLatestProcessedCommit throttled;
    private final PrefetchingConsumer<?, ?> consumer;

    @ApplicationScoped
    @Identifier(STRATEGY)
    public static class Factory implements KafkaCommitHandler.Factory {
        private final KafkaThrottledLatestProcessedCommit.Factory throttled = new KafkaThrottledLatestProcessedCommit.Factory();

        @Override
        public KafkaCommitHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                         KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
            PrefetchingConsumer<?, ?> prefetching = new PrefetchingConsumer<>(consumer);
            return new PrefetchedThrottledCommit(vertx, throttled.create(config, vertx, prefetching, reportFailure), prefetching);
        }
    }

    private PrefetchedThrottledCommit(Vertx vertx, KafkaThrottledLatestProcessedCommit throttled,
                                      PrefetchingConsumer<?, ?> consumer) {
        super(vertx, throttled.getTimeoutInMillis());
        this.throttled = throttled;
        this.consumer = consumer;
    }

    /** The connector hands its event-loop context to the strategy it created: the throttled strategy needs it. */
    @Override
    public void capture(Context context) {
        super.capture(context);
        throttled.capture(context);
    }

    @Override
    public void capture(io.vertx.core.Context context) {
        super.capture(context);
        throttled.capture(context);
    }

    /** Called on the polling thread, inside {@code poll}: the one place where the consumer can be asked directly. */
    @Override
    public void partitionsAssigned(Collection<TopicPartition> partitions) {
        consumer.prefetch(partitions);
        throttled.partitionsAssigned(partitions);
    }

    @Override
    public void partitionsRevoked(Collection<TopicPartition> partitions) {
        consumer.forget(partitions);
        throttled.partitionsRevoked(partitions);
    }

    @Override
    public <K, V> Multi<IncomingKafkaRecord<K, V>> decorateStream(Multi<IncomingKafkaRecord<K, V>> consumed) {
        return throttled.decorateStream(consumed);
    }

    @Override
    public <K, V> Uni<IncomingKafkaRecord<K, V>> received(IncomingKafkaRecord<K, V> record) {
        return throttled.received(record);
    }

    @Override
    public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
        return throttled.handle(record);
    }

    @Override
    public void terminate(boolean graceful) {
        throttled.terminate(graceful);
    }

    /**
     * The connector's consumer, except that {@link #committed} answers from the offsets read at assignment (once per
     * partition and assignment) instead of queueing a broker request behind the running poll.
     */
    static final class PrefetchingConsumer<K, V> implements KafkaConsumer<K, V> {
        private final KafkaConsumer<K, V> consumer;
        // a partition without a committed offset is an empty Optional: known, and nothing to start from
        private final Map<TopicPartition, Optional<OffsetAndMetadata>> prefetched = new ConcurrentHashMap<>();

        PrefetchingConsumer(KafkaConsumer<K, V> consumer) {
            this.consumer = consumer;
        }

        /** Must run on the polling thread. */
        void prefetch(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.unwrap().committed(new HashSet<>(partitions), READ_TIMEOUT);
                for (TopicPartition partition : partitions) {
                    prefetched.put(partition, Optional.ofNullable(committed.get(partition)));
                }
            } catch (WakeupException | InterruptException e) {
                throw e; // the connector is closing the consumer: not ours to swallow
            } catch (KafkaException e) {
                LOG.warnf("committed offsets of %s not read at assignment, read on the first record instead: %s",
                        partitions, e.getMessage());
            }
        }

        void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(prefetched::remove);
        }

        @Override
        public Uni<Map<TopicPartition, OffsetAndMetadata>> committed(TopicPartition... tps) {
            for (TopicPartition tp : tps) {
                if (!prefetched.containsKey(tp)) {
                    return consumer.committed(tps);
                }
            }
            Map<TopicPartition, OffsetAndMetadata> known = new HashMap<>();
            for (TopicPartition tp : tps) {
                // taken, not read: a later question about the partition is answered by the broker, never by an old value
                Optional<OffsetAndMetadata> offset = prefetched.remove(tp);
                if (offset != null && offset.isPresent()) { // null: revoked meanwhile, its store is dropped anyway
                    known.put(tp, offset.get());
                }
            }
            return Uni.createFrom().item(known);
        }

        @Override
        public Map<String, ?> configuration() {
            return consumer.configuration();
        }

        @Override
        public <R> Uni<R> runOnPollingThread(Function<Consumer<K, V>, R> action) {
            return consumer.runOnPollingThread(action);
        }

        @Override
        public Uni<Void> runOnPollingThread(java.util.function.Consumer<Consumer<K, V>> action) {
            return consumer.runOnPollingThread(action);
        }

        @Override
        public Uni<Set<TopicPartition>> pause() {
            return consumer.pause();
        }

        @Override
        public Uni<Set<TopicPartition>> paused() {
            return consumer.paused();
        }

        @Override
        public Uni<Void> resume() {
            return consumer.resume();
        }

        @Override
        public Consumer<K, V> unwrap() {
            return consumer.unwrap();
        }

        @Override
        public Uni<Void> commit(Map<TopicPartition, OffsetAndMetadata> map) {
            return consumer.commit(map);
        }

        @Override
        public Uni<Void> commitAsync(Map<TopicPartition, OffsetAndMetadata> map) {
            return consumer.commitAsync(map);
        }

        @Override
        public Uni<Map<TopicPartition, Long>> getPositions() {
            return consumer.getPositions();
        }

        @Override
        public Uni<Set<TopicPartition>> getAssignments() {
            return consumer.getAssignments();
        }

        @Override
        public Uni<Void> seek(TopicPartition partition, long offset) {
            return consumer.seek(partition, offset);
        }

        @Override
        public Uni<Void> seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
            return consumer.seek(partition, offsetAndMetadata);
        }

        @Override
        public Uni<Void> seekToBeginning(Collection<TopicPartition> partitions) {
            return consumer.seekToBeginning(partitions);
        }

        @Override
        public Uni<Void> seekToEnd(Collection<TopicPartition> partitions) {
            return consumer.seekToEnd(partitions);
        }

        @Override
        public Uni<ConsumerGroupMetadata> consumerGroupMetadata() {
            return consumer.consumerGroupMetadata();
        }

        @Override
        public Uni<Void> resetToLastCommittedPositions() {
            return consumer.resetToLastCommittedPositions();
        }

        @Override
        public Uni<Map<String, List<PartitionInfo>>> lisTopics() {
            return consumer.lisTopics();
        }

        @Override
        public Uni<Map<String, List<PartitionInfo>>> lisTopics(Duration timeout) {
            return consumer.lisTopics(timeout);
        }

        @Override
        public Uni<List<PartitionInfo>> partitionsFor(String topic) {
            return consumer.partitionsFor(topic);
        }
    }
}
