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

/** One uploaded material of a matter, its bytes stored in PostgreSQL (bytea) with their SHA-256. */
@Entity
@Table(name = "matter_material")
@IdClass(MatterMaterial.Key.class)
public class MatterMaterial extends PanacheEntityBase {
    @Id
    @Column(name = "matter_id")
    public UUID matterId;

    @Id
    public String name;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "content_type")
    public String contentType;

    public long size;

    public String sha256;

    /** Loaded with the entity (downloads only); listings use {@link #summariesOf} and never read it. */
    public byte[] content;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    /** Name, type, size and hash of a matter's materials, without their bytes. */
    public record Summary(String name, String contentType, long size, String sha256) {
    }

    public static Uni<List<Summary>> summariesOf(UUID matterId) {
        return find("matterId = ?1 order by name", matterId).project(Summary.class).list();
    }

    public static Uni<MatterMaterial> find(UUID matterId, String name) {
        return find("matterId = ?1 and name = ?2", matterId, name).firstResult();
    }

    public static class Key implements Serializable {
        public UUID matterId;
        public String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(matterId, k.matterId) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(matterId, name);
        }
    }
}
