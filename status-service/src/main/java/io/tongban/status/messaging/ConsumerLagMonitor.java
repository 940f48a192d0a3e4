package io.tongban.status.messaging;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.tongban.status.config.StatusConfig;
import io.tongban.status.domain.LagEvaluation;
import io.tongban.status.domain.LagEvaluation.PartitionStatus;
import io.tongban.status.domain.LagEvaluation.Sample;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Samples every consumer group's committed offsets through the Kafka Admin client and evaluates them the way
 * Burrow does ({@link LagEvaluation}). The sliding windows live in this instance's memory: they are rebuilt
 * from the broker within one window after a restart, and every instance computes the same figures.
 *
 * <p>The edge cases ops teams complain about in other exporters:
 * <ul>
 *   <li>an idle (empty) topic has lag 0 and time lag 0, never NaN;</li>
 *   <li>a partition without a committed offset is reported as such, with no lag figure, never as the whole log;</li>
 *   <li>end offsets are the last stable offsets (read_committed), and records between the committed offset and the
 *       end that a read_committed reader cannot see (transaction markers, aborted records) are not lag: a
 *       transaction's commit marker does not show as a lag of 1.</li>
 * </ul>
 * A sample is added while the group has live members (they commit) or when its committed offset moved; a group
 * without members adds no samples, so Burrow's STOP rule sees that its commits have stopped.
 */
@ApplicationScoped
public class ConsumerLagMonitor {
    private static final Logger LOG = Logger.getLogger(ConsumerLagMonitor.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    public record PartitionLag(String topic, int partition, Long committedOffset, long endOffset, Long offsetLag,
                               Double timeLagSeconds, String status) {
    }

    public record GroupLag(String group, String state, int members, String status, long totalLag,
                           List<PartitionLag> partitions) {
    }

    public record LagReport(Instant sampledAt, List<GroupLag> groups) {
    }

    /** A partition with no committed offset for its group: no lag figure, and said so. */
    public static final String NO_COMMITTED_OFFSET = "NO_COMMITTED_OFFSET";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> brokerSettings;

    @Inject
    StatusConfig config;

    @Inject
    Clock clock;

    @Inject
    LagMetrics metrics;

    private final Map<String, ArrayDeque<Sample>> windows = new ConcurrentHashMap<>();
    private volatile LagReport latest = new LagReport(null, List.of());
    private Admin admin;

    public LagReport latest() {
        return latest;
    }

    @Scheduled(every = "${tongban.status.lag.interval:30s}", delayed = "${tongban.status.lag.delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSample() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warnf("consumer lag sample failed: %s", e.getMessage());
        }
    }

    public synchronized LagReport sample() {
        Instant now = clock.instant();
        Pattern excluded = config.lag().excludeGroups().map(Pattern::compile).orElse(null);
        List<String> groupIds = get(admin().listConsumerGroups().all()).stream().map(ConsumerGroupListing::groupId)
                .filter(g -> excluded == null || !excluded.matcher(g).matches()).sorted().toList();
        Map<String, ConsumerGroupDescription> descriptions = groupIds.isEmpty() ? Map.of()
                : get(admin().describeConsumerGroups(groupIds).all());
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Set<TopicPartition> all = new HashSet<>();
        for (String group : groupIds) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(
                    get(admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()));
            ConsumerGroupDescription d = descriptions.get(group);
            if (d != null) {
                for (MemberDescription m : d.members()) {
                    m.assignment().topicPartitions().forEach(tp -> offsets.putIfAbsent(tp, null));
                }
            }
            committed.put(group, offsets);
            all.addAll(offsets.keySet());
        }
        Map<TopicPartition, Long> ends = endOffsets(all);
        List<GroupLag> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> reader = reader()) {
            for (String group : groupIds) {
                ConsumerGroupDescription d = descriptions.get(group);
                int members = d == null ? 0 : d.members().size();
                String state = d == null ? "UNKNOWN" : String.valueOf(d.groupState());
                groups.add(group(group, state, members, committed.get(group), ends, reader, now, seen));
            }
        }
        windows.keySet().retainAll(seen);
        latest = new LagReport(now, List.copyOf(groups));
        metrics.update(latest);
        return latest;
    }

    private GroupLag group(String group, String state, int members, Map<TopicPartition, OffsetAndMetadata> offsets,
                           Map<TopicPartition, Long> ends, KafkaConsumer<byte[], byte[]> reader, Instant now,
                           Set<String> seen) {
        List<PartitionLag> partitions = new ArrayList<>();
        List<PartitionStatus> statuses = new ArrayList<>();
        long total = 0;
        List<TopicPartition> sorted = offsets.keySet().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition)).toList();
        for (TopicPartition tp : sorted) {
            long end = ends.getOrDefault(tp, 0L);
            OffsetAndMetadata commit = offsets.get(tp);
            if (commit == null) {
                partitions.add(new PartitionLag(tp.topic(), tp.partition(), null, end, null, null, NO_COMMITTED_OFFSET));
                continue;
            }
            long position = commit.offset();
            long lag = Math.max(0, end - position);
            Double timeLag = 0.0;
            if (lag > 0) {
                try {
                    ConsumerRecord<byte[], byte[]> next = firstVisible(reader, tp, position, end);
                    if (next == null) {
                        lag = 0; // only transaction markers or aborted records left: nothing to consume
                    } else {
                        timeLag = Math.max(0, now.toEpochMilli() - next.timestamp()) / 1000.0;
                    }
                } catch (AuthorizationException e) {
                    // with Kafka ACLs this service may describe every topic but read only its own: the offset lag
                    // stands, the age of the oldest unconsumed record is unknown (no gauge), not a failed sample
                    timeLag = null;
                }
            }
            String key = group + "\u0000" + tp;
            seen.add(key);
            ArrayDeque<Sample> window = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
            Sample last = window.peekLast();
            if (last == null || members > 0 || last.offset() != position) {
                window.addLast(new Sample(position, lag, now));
                while (window.size() > config.lag().window()) {
                    window.removeFirst();
                }
            }
            PartitionStatus status = LagEvaluation.partition(List.copyOf(window), lag, now);
            statuses.add(status);
            total += lag;
            partitions.add(new PartitionLag(tp.topic(), tp.partition(), position, end, lag, timeLag, status.name()));
        }
        return new GroupLag(group, state, members, LagEvaluation.group(statuses).name(), total, partitions);
    }

    /** The first record a read_committed consumer would get at {@code position}, or null if none before {@code end}. */
    private static ConsumerRecord<byte[], byte[]> firstVisible(KafkaConsumer<byte[], byte[]> reader, TopicPartition tp,
                                                               long position, long end) {
        reader.assign(List.of(tp));
        reader.seek(tp, position);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && reader.position(tp) < end) {
            ConsumerRecords<byte[], byte[]> records = reader.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                if (r.offset() < end) {
                    return r;
                }
            }
        }
        return null;
    }

    private Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin().listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED));
        Map<TopicPartition, Long> ends = new HashMap<>();
        get(result.all()).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "status-service.lag-probe-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        // only the first record after the committed offset is read: without these limits every probe of a lagging
        // partition fetched (and checked) up to 1 MB, a third of the service's CPU under a backlog
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16384");
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "16384");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(KafkaClientSecurity.addTo(p, brokerSettings));
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "status-service.lag-monitor");
            admin = Admin.create(KafkaClientSecurity.addTo(p, brokerSettings));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka admin call failed: " + e.getMessage(), e);
        }
    }
}
