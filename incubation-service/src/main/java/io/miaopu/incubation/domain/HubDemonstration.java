package io.miaopu.incubation.domain;

import io.miaopu.chassis.write.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A hub-type demonstration organization (枢纽型示范), certified by the city or a county (target T11). */
@Entity
@Table(name = "hub_demonstration")
public class HubDemonstration implements Audited {

    public enum CertifyingLevel { CITY, COUNTY }

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    /** The organization's community: where the demonstration counts and who may manage it. */
    @Column(name = "division_code")
    public String divisionCode;
    @Column(name = "certified_on")
    public LocalDate certifiedOn;
    @Enumerated(EnumType.STRING)
    @Column(name = "certifying_level")
    public CertifyingLevel certifyingLevel;
    @Column(name = "revoked_on")
    public LocalDate revokedOn;
    @Column(name = "revoke_reason")
    public String revokeReason;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Override
    public String aggregateId() {
        return id.toString();
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public void advance(OffsetDateTime at) {
        version += 1;
        updatedAt = at;
    }
}
