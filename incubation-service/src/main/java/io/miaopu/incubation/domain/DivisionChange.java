package io.miaopu.incubation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of a division's history (沿革): what changed, by whom, when and why. */
@Entity
@Table(name = "division_change")
public class DivisionChange {

    public enum Type { SEEDED, CREATED, RENAMED, RETIRED, REASSIGNED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String code;
    @Enumerated(EnumType.STRING)
    @Column(name = "change_type")
    public Type changeType;
    public long revision;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_state")
    public String beforeState;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_state")
    public String afterState;
    public String reason;
    /** The day the change took effect; null for the seeded state (since always). */
    @Column(name = "effective_on")
    public LocalDate effectiveOn;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}
