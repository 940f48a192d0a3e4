package io.tongban.status.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "timeline_entry")
@IdClass(TimelineEntry.Key.class)
public class TimelineEntry extends PanacheEntityBase {
    @Id
    @Column(name = "matter_id")
    public UUID matterId;

    @Id
    public long sequence;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String summary;

    public static class Key implements Serializable {
        public UUID matterId;
        public long sequence;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(matterId, k.matterId) && sequence == k.sequence;
        }

        @Override
        public int hashCode() {
            return Objects.hash(matterId, sequence);
        }
    }
}
