package io.miaopu.registry.domain;

import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.LegalForm;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Classification.Subcategory;
import io.miaopu.chassis.write.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A community social organization (社区社会组织), registered (登记) or filed (备案). */
@Entity
@Table(name = "organization")
public class Organization implements Audited {

    @Id
    public UUID id;
    public String name;
    @Column(name = "credit_code")
    public String creditCode;
    @Enumerated(EnumType.STRING)
    @Column(name = "legal_form")
    public LegalForm legalForm;
    @Enumerated(EnumType.STRING)
    @Column(name = "management_class")
    public ManagementClass managementClass;
    @Enumerated(EnumType.STRING)
    public Category category;
    @Enumerated(EnumType.STRING)
    public Subcategory subcategory;
    /** Comma-separated {@link ServiceArea} names, in declaration order. */
    @Column(name = "service_areas")
    public String serviceAreas;
    @Column(name = "community_code")
    public String communityCode;
    @Column(name = "registered_on")
    public LocalDate registeredOn;
    @Column(name = "established_on")
    public LocalDate establishedOn;
    @Column(name = "leader_name")
    public String leaderName;
    @Column(name = "leader_phone")
    public String leaderPhone;
    @Column(name = "member_count")
    public Integer memberCount;
    @Column(name = "hub_type")
    public boolean hubType;
    @Column(name = "charter_adopted")
    public boolean charterAdopted;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "status_reason")
    public String statusReason;
    /** The day the current status took effect (注销, listing as abnormal, suspension; for ACTIVE since registration: registeredOn). */
    @Column(name = "status_effective_on")
    public LocalDate statusEffectiveOn;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public List<ServiceArea> serviceAreaList() {
        return serviceAreas == null || serviceAreas.isBlank() ? List.of()
                : Arrays.stream(serviceAreas.split(",")).map(ServiceArea::valueOf).sorted().toList();
    }

    public void serviceAreaSet(Set<ServiceArea> areas) {
        serviceAreas = areas == null || areas.isEmpty() ? ""
                : EnumSet.copyOf(areas).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /** Its own state, as its history keeps it. */
    public OrganizationSnapshot snapshot() {
        return OrganizationSnapshot.of(this);
    }

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

    public boolean deregistered() {
        return status == Status.DEREGISTERED;
    }
}
