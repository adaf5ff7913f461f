package io.miaopu.metrics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One revision of a target by the city bureau: the figures before and after, who, when, why. */
@Entity
@Table(name = "target_change")
public class TargetChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "plan_id")
    public String planId;
    @Column(name = "target_id")
    public String targetId;
    /** The first year the revision applies to (null: recorded before plans, applied to every year). */
    @Column(name = "from_year")
    public Integer fromYear;
    public long version;
    @JdbcTypeCode(SqlTypes.JSON)
    public String before;
    @JdbcTypeCode(SqlTypes.JSON)
    public String after;
    public String reason;
    @Column(name = "changed_by")
    public String changedBy;
    @Column(name = "changed_at")
    public OffsetDateTime changedAt;
}
