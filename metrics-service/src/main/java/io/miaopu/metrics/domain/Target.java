package io.miaopu.metrics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One of the plan's targets (T1–T13) as data: its kind says how it is measured, the rest are the
 * figures the city bureau may revise (thresholds, the counties of a tier, the counties left out,
 * the category or community kind, the years).
 */
@Entity
@Table(name = "target")
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
        /** Hub-type demonstration organizations certified to date: T11. */
        HUB_DEMONSTRATIONS,
        /** An active incubator at the province, the city and every county-level unit: T12. */
        INCUBATION_SYSTEM,
        /** Share of township-level units with at least one person-time: T13. */
        TRAINING_COVERAGE
    }

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
    public long version;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

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

    /** T1 before T10: by the number after the T. */
    public int order() {
        return Integer.parseInt(id.substring(1));
    }

    private static List<String> split(String codes) {
        return codes == null || codes.isBlank() ? List.of() : Arrays.stream(codes.split(",")).map(String::strip).toList();
    }
}
