package io.tongban.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Remembers which events a consumer has applied, inside the consumer's own transaction. */
@ApplicationScoped
public class ProcessedEvents {
    private static final String MARK = """
            insert into processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing""";

    /** True the first time this consumer sees the event id; false for a redelivery. Must run in a transaction. */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(MARK)
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate()
                .map(rows -> rows == 1));
    }
}
