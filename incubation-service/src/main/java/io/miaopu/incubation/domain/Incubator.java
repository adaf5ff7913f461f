package io.miaopu.incubation.domain;

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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * An incubation base, support platform or service station (孵化基地、支持平台、服务站) at one
 * level of the hierarchy, with the services it offers to organizations (党建指导, 孵化, 资金代管, 培训).
 */
@Entity
@Table(name = "incubator")
public class Incubator implements Audited {

    public enum Type { INCUBATION_BASE, SUPPORT_PLATFORM, SERVICE_STATION }

    public enum Service { PARTY_BUILDING, INCUBATION, FUND_CUSTODY, TRAINING }

    @Id
    public UUID id;
    public String name;
    @Enumerated(EnumType.STRING)
    public DivisionLevel level;
    @Column(name = "division_code")
    public String divisionCode;
    @Enumerated(EnumType.STRING)
    public Type type;
    @Column(name = "operator_organization_id")
    public UUID operatorOrganizationId;
    /** Comma-separated {@link Service} names, kept in declaration order. */
    public String services;
    @Column(name = "opened_on")
    public LocalDate openedOn;
    @Column(name = "closed_on")
    public LocalDate closedOn;
    @Column(name = "close_reason")
    public String closeReason;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean open() {
        return closedOn == null;
    }

    public Set<Service> serviceSet() {
        return services == null || services.isBlank() ? EnumSet.noneOf(Service.class)
                : Arrays.stream(services.split(",")).map(Service::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Service.class)));
    }

    public void serviceSet(Set<Service> offered) {
        services = EnumSet.copyOf(offered).stream().map(Enum::name).collect(Collectors.joining(","));
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
}
