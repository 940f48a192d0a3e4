package io.tongban.messaging;

import io.tongban.contracts.EventCatalog;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event a service owes, before it is written to its outbox. The key (and CloudEvents subject) is the
 * matter id, so one matter's events stay ordered on one partition.
 */
public record OutgoingEvent(UUID eventId, String topic, String matterId, String type, Object data, Instant occurredAt) {

    public OutgoingEvent {
        Objects.requireNonNull(eventId);
        Objects.requireNonNull(topic);
        Objects.requireNonNull(matterId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(data);
        Objects.requireNonNull(occurredAt);
    }

    /** The event for a contract record; its type comes from {@link EventCatalog}. */
    public static OutgoingEvent of(String topic, String matterId, Object data, Instant occurredAt) {
        return new OutgoingEvent(UUID.randomUUID(), topic, matterId, EventCatalog.typeOf(data), data, occurredAt);
    }
}
