package io.tongban.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tongban.contracts.EventCatalog;
import io.tongban.contracts.EventJson;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A received CloudEvent: its envelope attributes and its JSON data, read into the contract record on demand. */
public record IncomingEvent(String id, String type, String source, String subject, Instant time, String topic, String json) {

    /** Reads the envelope; a record without one is poison. */
    public static IncomingEvent from(Message<String> message) {
        @SuppressWarnings("unchecked")
        IncomingCloudEventMetadata<Object> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new PoisonEventException("not a CloudEvent: the record has no ce_* headers"));
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("");
        if (ce.getId() == null || ce.getType() == null) {
            throw new PoisonEventException("CloudEvent without id or type");
        }
        Instant time = ce.getTimeStamp().map(t -> t.toInstant()).orElse(null);
        return new IncomingEvent(ce.getId(), ce.getType(), String.valueOf(ce.getSource()),
                ce.getSubject().orElse(null), time, topic, message.getPayload());
    }

    /** The data as the record its type names; unknown types and malformed data are poison. */
    public Object data() {
        Class<?> dataClass = EventCatalog.dataClassOf(type)
                .orElseThrow(() -> new PoisonEventException("unknown event type " + type));
        return dataAs(dataClass);
    }

    public <T> T dataAs(Class<T> dataClass) {
        if (json == null) {
            throw new PoisonEventException(type + " event " + id + " has no data");
        }
        try {
            T value = EventJson.mapper().readValue(json, dataClass);
            if (value == null) {
                throw new PoisonEventException(type + " event " + id + " has null data");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("malformed " + type + " data in event " + id + ": " + e.getOriginalMessage());
        }
    }

    public Optional<String> subjectOpt() {
        return Optional.ofNullable(subject);
    }
}
