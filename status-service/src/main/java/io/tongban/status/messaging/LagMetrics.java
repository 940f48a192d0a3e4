package io.tongban.status.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus gauges with the names existing dashboards query: kafka_exporter's {@code kafka_consumergroup_lag}
 * and {@code kafka_consumergroup_lag_sum} (labels consumergroup, topic, partition) and kafka-lag-exporter's
 * {@code kafka_consumergroup_group_lag_seconds} (labels group, topic, partition); plus
 * {@code tongban_consumergroup_status} (0 OK, 1 WARN, 2 ERR) per group. A partition without a committed
 * offset has no lag series (rather than a made-up number).
 */
@ApplicationScoped
public class LagMetrics {
    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicReference<Double>> values = new ConcurrentHashMap<>();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    void update(ConsumerLagMonitor.LagReport report) {
        Set<String> current = new HashSet<>();
        for (ConsumerLagMonitor.GroupLag g : report.groups()) {
            Map<String, Long> sums = new java.util.TreeMap<>();
            for (ConsumerLagMonitor.PartitionLag p : g.partitions()) {
                if (p.offsetLag() == null) {
                    continue;
                }
                String partition = Integer.toString(p.partition());
                set(current, "kafka_consumergroup_lag",
                        Tags.of("consumergroup", g.group(), "topic", p.topic(), "partition", partition), p.offsetLag());
                if (p.timeLagSeconds() != null) {
                    set(current, "kafka_consumergroup_group_lag_seconds",
                            Tags.of("group", g.group(), "topic", p.topic(), "partition", partition), p.timeLagSeconds());
                }
                sums.merge(p.topic(), p.offsetLag(), Long::sum);
            }
            sums.forEach((topic, sum) -> set(current, "kafka_consumergroup_lag_sum",
                    Tags.of("consumergroup", g.group(), "topic", topic), sum));
            set(current, "tongban_consumergroup_status", Tags.of("group", g.group()), switch (g.status()) {
                case "ERR" -> 2;
                case "WARN" -> 1;
                default -> 0;
            });
        }
        for (String key : Set.copyOf(gauges.keySet())) {
            if (!current.contains(key)) {
                registry.remove(gauges.remove(key));
                values.remove(key);
            }
        }
    }

    private void set(Set<String> current, String name, Tags tags, double value) {
        String key = name + tags;
        current.add(key);
        values.computeIfAbsent(key, k -> new AtomicReference<>(0.0)).set(value);
        gauges.computeIfAbsent(key, k -> Gauge.builder(name, values, v -> {
            AtomicReference<Double> ref = v.get(k);
            return ref == null ? 0.0 : ref.get();
        }).tags(tags).strongReference(true).register(registry));
    }
}
