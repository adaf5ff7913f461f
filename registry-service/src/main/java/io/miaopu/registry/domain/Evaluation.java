package io.miaopu.registry.domain;

import io.miaopu.registry.domain.Records.Evaluator;
import io.miaopu.registry.domain.Records.Rating;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An evaluation of a work report by the two committees or by residents (评估评议). */
@Entity
@Table(name = "evaluation")
public class Evaluation {

    @Id
    public UUID id;
    @Column(name = "work_report_id")
    public UUID workReportId;
    @Enumerated(EnumType.STRING)
    public Evaluator evaluator;
    @Enumerated(EnumType.STRING)
    public Rating rating;
    public String comment;
    @Column(name = "evaluated_on")
    public LocalDate evaluatedOn;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
