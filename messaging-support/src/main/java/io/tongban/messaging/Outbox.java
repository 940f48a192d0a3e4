package io.tongban.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes owed events into the outbox table within the caller's current transaction, so that the state
 * change and its events commit or roll back together. Never sends anything itself.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = """
            insert into outbox_event (event_id, topic, message_key, event_type, source, subject, payload, occurred_at,
                                      headers)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)""";

    private final String source;
    /** Rows inserted by this instance, committed or not: lets a consumer tell whether its transaction owes a relay pass. */
    private final AtomicLong added = new AtomicLong();

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.source = "/" + applicationName;
    }

    /** Must run inside a transaction ({@code Panache.withTransaction} or {@code @WithTransaction}). */
    public Uni<Void> add(List<OutgoingEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutgoingEvent event : events) {
            chain = chain.chain(() -> insert(event));
        }
        return chain;
    }

    public Uni<Void> add(OutgoingEvent event) {
        return insert(event);
    }

    /** The same, on a plain reactive SQL connection that is inside a transaction (for code not using Hibernate). */
    public Uni<Void> add(io.vertx.mutiny.sqlclient.SqlConnection connection, OutgoingEvent event) {
        added.incrementAndGet();
        return connection.preparedQuery(INSERT.replaceAll("\\?(\\d)", "\\$$1"))
                .execute(io.vertx.mutiny.sqlclient.Tuple.from(java.util.Arrays.asList(event.eventId(), event.topic(),
                        event.matterId(), event.type(), source, event.matterId(), toJson(event.data()),
                        event.occurredAt().atOffset(ZoneOffset.UTC), headersJson(event))))
                .replaceWithVoid();
    }

    /** How many rows this instance has inserted so far; a change across a transaction means it added some. */
    public long rowsAdded() {
        return added.get();
    }

    private Uni<Void> insert(OutgoingEvent event) {
        added.incrementAndGet();
        String payload = toJson(event.data());
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, event.eventId())
                        .setParameter(2, event.topic())
                        .setParameter(3, event.matterId())
                        .setParameter(4, event.type())
                        .setParameter(5, source)
                        .setParameter(6, event.matterId())
                        .setParameter(7, payload)
                        .setParameter(8, event.occurredAt().atOffset(ZoneOffset.UTC))
                        .setParameter(9, headersJson(event))
                        .executeUpdate())
                .replaceWithVoid();
    }

    private static String headersJson(OutgoingEvent event) {
        return event.headers().isEmpty() ? null : toJson(event.headers());
    }

    private static String toJson(Object data) {
        try {
            return EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON: " + data.getClass(), e);
        }
    }
}
