package io.miaopu.incubation.domain;

import io.miaopu.chassis.write.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An organization incubated by an incubator (入驻孵化) from a date, until it graduates (出壳) or withdraws. */
@Entity
@Table(name = "enrollment")
public class Enrollment implements Audited {

    public enum Outcome { GRADUATED, WITHDRAWN }

    @Id
    public UUID id;
    @Column(name = "incubator_id")
    public UUID incubatorId;
    @Column(name = "organization_id")
    public UUID organizationId;
    @Column(name = "started_on")
    public LocalDate startedOn;
    @Column(name = "ended_on")
    public LocalDate endedOn;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    @Column(name = "end_reason")
    public String endReason;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /** The division of its incubator (not stored): its state and its jurisdiction follow the incubator's. */
    @Transient
    public String divisionCode;

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
