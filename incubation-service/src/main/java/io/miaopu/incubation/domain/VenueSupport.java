package io.miaopu.incubation.domain;

import io.miaopu.chassis.write.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Venue support (安家): a venue provided by a street, township or community facility to an organization. */
@Entity
@Table(name = "venue_support")
public class VenueSupport implements Audited {

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    public String venue;
    @Column(name = "providing_division_code")
    public String providingDivisionCode;
    @Column(name = "from_date")
    public LocalDate fromDate;
    @Column(name = "to_date")
    public LocalDate toDate;
    @Column(name = "floor_area_m2")
    public BigDecimal floorAreaM2;
    @Column(name = "end_reason")
    public String endReason;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

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
