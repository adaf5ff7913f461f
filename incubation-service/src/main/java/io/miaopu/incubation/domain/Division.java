package io.miaopu.incubation.domain;

import io.miaopu.incubation.contract.DivisionState;
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
import java.util.List;

/**
 * A division (行政区划) of the five-level hierarchy. Statistical codes nest by prefix, but the
 * functional zone's members do not: the parent link is the truth, never the code.
 */
@Entity
@Table(name = "division")
public class Division implements Audited {

    @Id
    public String code;
    public String name;
    @Enumerated(EnumType.STRING)
    public DivisionLevel level;
    @Column(name = "parent_code")
    public String parentCode;
    @Enumerated(EnumType.STRING)
    public DivisionKind kind;
    public boolean active;
    @Column(name = "code_source")
    public String codeSource;
    public long revision;
    /** The day the current state took effect; null: since always (as seeded). */
    @Column(name = "effective_on")
    public LocalDate effectiveOn;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /**
     * Its dated versions before the change in hand, read from its history with the lock (not stored): the
     * event of the change carries them with the new state, because the compacted topic keeps only its latest record.
     */
    @Transient
    public List<DivisionState.Version> earlierVersions = List.of();

    @Override
    public String aggregateId() {
        return code;
    }

    @Override
    public long version() {
        return revision;
    }

    @Override
    public void advance(OffsetDateTime at) {
        revision += 1;
        updatedAt = at;
    }
}
