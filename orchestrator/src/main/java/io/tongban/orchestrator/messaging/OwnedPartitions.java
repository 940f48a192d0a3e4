package io.tongban.orchestrator.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The tongban.matters partitions this instance currently owns in group {@code orchestrator.matters}.
 * The deadline watcher covers exactly the matters of these partitions: no leader, no timer list in memory,
 * and after a restart or a rebalance each instance picks up the deadlines of the partitions it now owns.
 */
@ApplicationScoped
@Identifier(OwnedPartitions.NAME)
public class OwnedPartitions implements KafkaConsumerRebalanceListener {
    public static final String NAME = "orchestrator.matters-ownership";
    private static final Logger LOG = Logger.getLogger(OwnedPartitions.class);

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.add(p.partition()));
        LOG.infof("matters partitions assigned %s, now watching the deadlines of %s", numbers(partitions), owned);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> owned.remove(p.partition()));
        LOG.infof("matters partitions revoked %s, now watching the deadlines of %s", numbers(partitions), owned);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    public Set<Integer> current() {
        return Set.copyOf(owned);
    }

    private static Object numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }
}
