package io.tongban.orchestrator.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "matter_instance")
public class MatterInstanceEntity extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "matter_type")
    public String matterType;

    @Column(name = "definition_version")
    public int definitionVersion;

    @Column(name = "applicant_id")
    public String applicantId;

    public String state;
    public String form;
    public String materials;
    public long sequence;

    /** The tongban.matters partition the matter arrived on: its owner watches the matter's deadlines. */
    public int partition;

    /** Tasks not yet done for their dependents: the matter completes when none is left. */
    @Column(name = "open_tasks")
    public int openTasks;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** 容缺受理: JSON object of each material promised for later and the deadline of the promise (null: none). */
    @Column(name = "promised_materials")
    public String promisedMaterials;

    /** The earliest deadline of a promised material not handed in yet: the deadline scan ends the matter then. */
    @Column(name = "promise_due_at")
    public Instant promiseDueAt;
}
