package io.tongban.messaging;

import io.tongban.contracts.EventCatalog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An event a service owes, before it is written to its outbox. The key (and CloudEvents subject) is the
 * matter id, so one matter's events stay ordered on one partition. {@code headers} are extra Kafka
 * headers beside the CloudEvents ones (e.g. {@code dead-letter-reason}).
 */
public record OutgoingEvent(UUID eventId, String topic, String matterId, String type, Object data, Instant occurredAt,
                            Map<String, String> headers) {

    public OutgoingEvent(UUID eventId, String topic, String matterId, String type, Object data, Instant occurredAt) {
        this(eventId, topic, matterId, type, data, occurredAt, Map.of());
    }

    public OutgoingEvent {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(topic);
        Objects.requireNonNull(matterId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(data);
        Objects.requireNonNull(occurredAt);
    }

    public OutgoingEvent withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutgoingEvent(eventId, topic, matterId, type, data, occurredAt, more);
    }

    /** The event for a contract record; its type comes from {@link EventCatalog}. */
    public static OutgoingEvent of(String topic, String matterId, Object data, Instant occurredAt) {
        return new OutgoingEvent(UUID.randomUUID(), topic, matterId, EventCatalog.typeOf(data), data, occurredAt);
    }
}
