package io.miaopu.metrics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One of a plan's targets as data: its kind says how it is measured, the rest are the figures the
 * bureau sets (thresholds, the counties of a tier, the counties left out, the category or community
 * kind, the years, the options the plan text leaves to the bureau). The row holds the newest figures;
 * {@code target_revision} holds the figures in force from each year.
 */
@Entity
@Table(name = "target")
@IdClass(Target.Key.class)
public class Target extends PanacheEntityBase {

    /** How a target is measured. */
    public enum Kind {
        /** Existing organizations per community of a kind (URBAN or RURAL), city-wide: T1, T2. */
        CITY_AVERAGE,
        /** The same, per county-level unit of a tier, urban and rural thresholds: T3–T5. */
        TIER_AVERAGE,
        /** Organizations registered or filed in a year, of a category: T6, T7. */
        NEW_PER_YEAR,
        /** Share of township-level units of a kind with an active hub federation: T8, T9. */
        FEDERATION_COVERAGE,
        /** Person-times net of reversals since the first year: T10. */
        TRAINING_PERSON_TIMES,
        /** Hub-type demonstration organizations, net of revocations or ever certified in the period (option): T11. */
        HUB_DEMONSTRATIONS,
        /** An active incubator at every division of the levels named (option): T12. */
        INCUBATION_SYSTEM,
        /** Share of township-level units with at least one person-time, where trainees serve or sessions were held: T13. */
        TRAINING_COVERAGE
    }

    /** The key: a target id is unique within its plan. */
    public static class Key implements Serializable {
        public String planId;
        public String id;

        public Key() {
        }

        public Key(String planId, String id) {
            this.planId = planId;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(planId, k.planId) && Objects.equals(id, k.id);
        }

        @Override
        public int hashCode() {
            return Objects.hash(planId, id);
        }
    }

    @Id
    @Column(name = "plan_id")
    public String planId;
    @Id
    public String id;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public Kind kind;
    @Column(name = "name_zh")
    public String nameZh;
    @Column(name = "name_en")
    public String nameEn;
    public BigDecimal threshold;
    @Column(name = "urban_threshold")
    public BigDecimal urbanThreshold;
    @Column(name = "rural_threshold")
    public BigDecimal ruralThreshold;
    public String unit;
    public String counties;
    public String excluded;
    public String category;
    @Column(name = "first_year")
    public Integer firstYear;
    @Column(name = "due_year")
    public int dueYear;
    public int position;
    /** {@link TargetOptions} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String options;
    public long version;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /**
     * The target's own state as history keeps it (target_change before/after). Its components are the JSON of every
     * change recorded so far: never rename or reorder them (the REST response, TargetApi.TargetResponse, has the same
     * shape today but may evolve on its own).
     */
    public record State(String planId, String id, Kind kind, String nameZh, String nameEn, BigDecimal threshold,
                        BigDecimal urbanThreshold, BigDecimal ruralThreshold, String unit, List<String> counties,
                        List<String> excluded, String category, Integer firstYear, int dueYear, TargetOptions options,
                        long version, String updatedBy, OffsetDateTime updatedAt) {
    }

    public State state() {
        return new State(planId, id, kind, nameZh, nameEn, threshold, urbanThreshold, ruralThreshold, unit, countyList(),
                excludedList(), category, firstYear, dueYear, optionsOrDefault(), version, updatedBy, updatedAt);
    }

    public List<String> countyList() {
        return split(counties);
    }

    /** The categories or division kinds the target counts (T9: TOWN,TOWNSHIP). */
    public List<String> categoryList() {
        return split(category);
    }

    public List<String> excludedList() {
        return split(excluded);
    }

    public TargetOptions optionsOrDefault() {
        return TargetOptions.read(options);
    }

    /** A copy carrying a revision's figures (names, kind and order stay the target's). */
    public Target withFigures(TargetRevision r) {
        Target copy = new Target();
        copy.planId = planId;
        copy.id = id;
        copy.kind = kind;
        copy.nameZh = nameZh;
        copy.nameEn = nameEn;
        copy.unit = unit;
        copy.position = position;
        copy.version = r.version;
        copy.updatedBy = updatedBy;
        copy.updatedAt = updatedAt;
        copy.threshold = r.threshold;
        copy.urbanThreshold = r.urbanThreshold;
        copy.ruralThreshold = r.ruralThreshold;
        copy.counties = r.counties;
        copy.excluded = r.excluded;
        copy.category = r.category;
        copy.firstYear = r.firstYear;
        copy.dueYear = r.dueYear;
        copy.options = r.options;
        return copy;
    }

    private static List<String> split(String codes) {
        return codes == null || codes.isBlank() ? List.of() : Arrays.stream(codes.split(",")).map(String::strip).toList();
    }
}
