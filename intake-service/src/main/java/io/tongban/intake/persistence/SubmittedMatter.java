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

    public static Uni<SubmittedMatter> findByIdempotencyKey(String applicantId, String key) {
        return find("applicantId = ?1 and idempotencyKey = ?2", applicantId, key).firstResult();
    }
}
