package io.miaopu.metrics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A final evaluation (终期评估): the frozen document as first answered, never changed. */
@Entity
@Table(name = "plan_evaluation")
public class PlanEvaluation extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "plan_id")
    public String planId;
    public String note;
    @Column(name = "evaluated_by")
    public String evaluatedBy;
    @Column(name = "evaluated_at")
    public OffsetDateTime evaluatedAt;
    @Column(name = "as_of")
    public OffsetDateTime asOf;
    public String sha256;
    /** The canonical JSON answered by GET, byte for byte. */
    public String document;
}
