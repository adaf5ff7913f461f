package io.miaopu.incubation.domain;

import io.miaopu.chassis.write.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A hub-type federation of community social organizations (枢纽型社区社会组织联合会) of one
 * township-level unit: the organization that acts as the federation, from its establishment to its
 * dissolution. At most one is active per township.
 */
@Entity
@Table(name = "federation")
public class Federation implements Audited {

    @Id
    public UUID id;
    public String name;
    @Column(name = "township_code")
    public String townshipCode;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Column(name = "established_on")
    public LocalDate establishedOn;
    @Column(name = "dissolved_on")
    public LocalDate dissolvedOn;
    @Column(name = "dissolution_reason")
    public String dissolutionReason;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean active() {
        return dissolvedOn == null;
    }

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
