package io.miaopu.registry.domain;

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

/** One entry of an organization's history: who changed what, when and why. */
@Entity
@Table(name = "organization_change")
public class OrganizationChange {

    /** What kind of change an entry records. */
    public enum Type { REGISTERED, FILED, UPDATED, STATUS_CHANGED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public long version;
    @Column(name = "change_type")
    public String changeType;
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
