package io.miaopu.metrics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A target's figures in force from {@code fromYear}: the year measured uses the newest revision whose
 * fromYear is not after it, so a revision never changes the years before it.
 */
@Entity
@Table(name = "target_revision")
@IdClass(TargetRevision.Key.class)
public class TargetRevision extends PanacheEntityBase {

    public static class Key implements Serializable {
        public String planId;
        public String targetId;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(planId, k.planId) && Objects.equals(targetId, k.targetId)
                    && version == k.version;
        }

        @Override
        public int hashCode() {
            return Objects.hash(planId, targetId, version);
        }
    }

    @Id
    @Column(name = "plan_id")
    public String planId;
    @Id
    @Column(name = "target_id")
    public String targetId;
    @Id
    public long version;
    @Column(name = "from_year")
    public int fromYear;
    public BigDecimal threshold;
    @Column(name = "urban_threshold")
    public BigDecimal urbanThreshold;
    @Column(name = "rural_threshold")
    public BigDecimal ruralThreshold;
    public String counties;
    public String excluded;
    public String category;
    @Column(name = "first_year")
    public Integer firstYear;
    @Column(name = "due_year")
    public int dueYear;
    /** {@link TargetOptions} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String options;

    /** The target's current figures, in force from {@code fromYear}. */
    public static TargetRevision of(Target t, int fromYear) {
        TargetRevision r = new TargetRevision();
        r.planId = t.planId;
        r.targetId = t.id;
        r.version = t.version;
        r.fromYear = fromYear;
        r.threshold = t.threshold;
        r.urbanThreshold = t.urbanThreshold;
        r.ruralThreshold = t.ruralThreshold;
        r.counties = t.counties;
        r.excluded = t.excluded;
        r.category = t.category;
        r.firstYear = t.firstYear;
        r.dueYear = t.dueYear;
        r.options = t.options;
        return r;
    }
}
