package io.tongban.status.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumer group {@code status-service.dead-letters}: every dead-letter topic of the platform (pattern
 * {@code .+\.dlq\..+}) into the ops view, with SmallRye's {@code dead-letter-reason} header. Keyed by topic,
 * partition and offset, so a redelivery changes nothing.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Incoming("dead-letters-in")
    public Uni<Void> onDeadLetter(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> meta = message.getMetadata(IncomingKafkaRecordMetadata.class).orElse(null);
        if (meta == null) {
            return Uni.createFrom().completionStage(message.ack());
        }
        Headers headers = meta.getHeaders();
        String reason = header(headers, "dead-letter-reason");
        Instant at = meta.getTimestamp() != null ? meta.getTimestamp() : Instant.now();
        LOG.infof("dead letter on %s: matter %s: %s", meta.getTopic(), meta.getKey(), reason);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into dead_letter (topic, kafka_partition, kafka_offset, record_key, event_type, reason,
                                                 original_topic, recorded_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict do nothing""")
                        .setParameter(1, meta.getTopic()).setParameter(2, meta.getPartition())
                        .setParameter(3, meta.getOffset()).setParameter(4, meta.getKey() == null ? null : meta.getKey().toString())
                        .setParameter(5, header(headers, "ce_type")).setParameter(6, reason)
                        .setParameter(7, header(headers, "dead-letter-topic")).setParameter(8, at)
                        .executeUpdate()))
                .chain(() -> Uni.createFrom().completionStage(message.ack()));
    }

    private static String header(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
