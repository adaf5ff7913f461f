package io.miaopu.incubation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One entry of a support structure's history. */
@Entity
@Table(name = "structure_change")
public class StructureChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "structure_type")
    public String structureType;
    @Column(name = "structure_id")
    public UUID structureId;
    @Column(name = "change_type")
    public String changeType;
    public long version;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "before_state")
    public String beforeState;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "after_state")
    public String afterState;
    public String reason;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}
