package io.tongban.intake.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Something the applicant was asked for (a form field or a material) and has not supplied yet. */
@Entity
@Table(name = "requested_supplement")
@IdClass(RequestedSupplement.Key.class)
public class RequestedSupplement extends PanacheEntityBase {
    public static final String FIELD = "field";
    public static final String MATERIAL = "material";

    @Id
    @Column(name = "matter_id")
    public UUID matterId;

    @Id
    public String kind;

    @Id
    public String name;

    public String reason;

    @Column(name = "requested_at")
    public Instant requestedAt;

    public static Uni<List<RequestedSupplement>> openFor(UUID matterId) {
        return list("matterId = ?1 order by kind, name", matterId);
    }

    public static class Key implements Serializable {
        public UUID matterId;
        public String kind;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(matterId, k.matterId) && Objects.equals(kind, k.kind)
                    && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(matterId, kind, name);
        }
    }
}
