package io.tongban.status.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "matter_progress")
public class MatterProgress extends PanacheEntityBase {
    @Id
    @Column(name = "matter_id")
    public UUID matterId;

    @Column(name = "matter_type")
    public String matterType;

    @Column(name = "definition_version")
    public Integer definitionVersion;

    @Column(name = "applicant_id")
    public String applicantId;

    @Column(name = "title_zh")
    public String titleZh;

    @Column(name = "title_en")
    public String titleEn;

    public String state;

    @Column(name = "last_sequence")
    public long lastSequence;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    @Column(name = "outcome_reason")
    public String outcomeReason;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
