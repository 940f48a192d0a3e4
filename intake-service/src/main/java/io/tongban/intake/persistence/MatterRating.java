package io.tongban.intake.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** 好差评: the applicant's one rating of a decided matter. */
@Entity
@Table(name = "matter_rating")
public class MatterRating extends PanacheEntityBase {
    @Id
    @Column(name = "matter_id")
    public UUID matterId;

    public int grade;

    public String comment;

    @Column(name = "rated_at")
    public Instant ratedAt;
}
