package io.miaopu.metrics.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A plan (规划) of a division: its years and its targets. DRAFT while the bureau writes it, ACTIVE while
 * it is measured and revised (a revision states the first year it applies to), CLOSED after a final
 * evaluation, when nothing of it changes any more.
 */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    public enum Status {
        DRAFT, ACTIVE, CLOSED
    }

    @Id
    public String id;
    @Column(name = "name_zh")
    public String nameZh;
    @Column(name = "name_en")
    public String nameEn;
    @Column(name = "division_code")
    public String divisionCode;
    @Column(name = "first_year")
    public int firstYear;
    @Column(name = "last_year")
    public int lastYear;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "copied_from")
    public String copiedFrom;
    public long version;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean covers(int year) {
        return year >= firstYear && year <= lastYear;
    }
}
