package io.miaopu.registry.domain;

import io.miaopu.registry.domain.Records.MajorActivityKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A major activity reported before it takes place (重大活动报告). */
@Entity
@Table(name = "major_activity_report")
public class MajorActivityReport {

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Enumerated(EnumType.STRING)
    public MajorActivityKind kind;
    public String title;
    @Column(name = "planned_on")
    public LocalDate plannedOn;
    @Column(name = "expected_attendance")
    public int expectedAttendance;
    public String venue;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
