package io.miaopu.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A periodic work report to the community's two committees (向两委报告工作). */
@Entity
@Table(name = "work_report")
public class WorkReport {

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    /** 2024, 2024-H1, 2024-Q3 or 2024-05. */
    public String period;
    /** The first day of the period, for ordering periods of different lengths. */
    @Column(name = "period_start")
    public java.time.LocalDate periodStart;
    public String content;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
