package io.tongban.intake.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "submitted_matter")
public class SubmittedMatter extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "matter_type")
    public String matterType;

    @Column(name = "definition_version")
    public int definitionVersion;

    @Column(name = "applicant_id")
    public String applicantId;

    public String form;

    public String state;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public static Uni<SubmittedMatter> findByIdempotencyKey(String applicantId, String key) {
        return find("applicantId = ?1 and idempotencyKey = ?2", applicantId, key).firstResult();
    }

    /** The applicant's own matter, or null: another applicant's matter is as absent as a missing one. */
    public static Uni<SubmittedMatter> findOwned(UUID id, String applicantId) {
        return find("id = ?1 and applicantId = ?2", id, applicantId).firstResult();
    }

    public static Uni<java.util.List<SubmittedMatter>> pageOf(String applicantId, int page, int size) {
        return find("applicantId = ?1 order by submittedAt desc, id", applicantId).page(page, size).list();
    }

    public static Uni<Long> countOf(String applicantId) {
        return count("applicantId", applicantId);
    }
}
