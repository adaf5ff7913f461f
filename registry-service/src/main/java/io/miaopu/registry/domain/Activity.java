package io.miaopu.registry.domain;

import io.miaopu.registry.domain.Records.Theme;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An activity held by an organization (活动记录). */
@Entity
@Table(name = "activity")
public class Activity {

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Enumerated(EnumType.STRING)
    public Theme theme;
    @Column(name = "held_on")
    public LocalDate heldOn;
    /** JSON array of {group, count}. */
    public String beneficiaries;
    public String description;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
