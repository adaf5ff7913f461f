package io.miaopu.registry.mapping;

import io.miaopu.chassis.write.Writes;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.event.OrganizationRef;
import io.miaopu.registry.event.OrganizationState;
import io.miaopu.registry.service.OrganizationApi;
import java.util.EnumSet;

/** Between the organization entity, the API and the events. */
public final class OrganizationMapper {

    private OrganizationMapper() {
    }

    public static OrganizationApi.OrganizationResponse toResponse(Organization o) {
        OrganizationApi.Leader leader = o.leaderName == null && o.leaderPhone == null ? null
                : new OrganizationApi.Leader(o.leaderName, o.leaderPhone);
        return new OrganizationApi.OrganizationResponse(o.id, o.name, o.creditCode, o.legalForm, o.managementClass, o.category,
                o.subcategory, o.serviceAreaList(), o.communityCode, o.registeredOn, o.establishedOn, leader, o.memberCount,
                o.hubType, o.charterAdopted, o.status, o.statusReason, o.statusEffectiveOn, o.version, o.createdAt, o.updatedAt);
    }

    /** The organization's recorded facts as an input, to merge a PATCH into. */
    public static OrganizationApi.Input toInput(Organization o) {
        OrganizationApi.Leader leader = o.leaderName == null && o.leaderPhone == null ? null
                : new OrganizationApi.Leader(o.leaderName, o.leaderPhone);
        return new OrganizationApi.Input(o.name, o.creditCode, o.legalForm, o.managementClass, o.category, o.subcategory,
                o.serviceAreaList(), o.communityCode, o.registeredOn, o.establishedOn, leader, o.memberCount, o.hubType,
                o.charterAdopted);
    }

    /** A new, active organization (version 1) from an input that the rules accepted. */
    public static Organization newOrganization(OrganizationApi.Input in) {
        Organization o = new Organization();
        o.id = java.util.UUID.randomUUID();
        apply(in, o);
        o.status = io.miaopu.registry.domain.Classification.Status.ACTIVE;
        o.statusEffectiveOn = o.registeredOn; // active since it was registered or filed
        o.version = 1;
        o.createdAt = Writes.now(); // as PostgreSQL keeps it: the same instant in the row and in its history
        o.updatedAt = o.createdAt;
        return o;
    }

    /** Applies an input that the rules accepted. */
    public static void apply(OrganizationApi.Input in, Organization o) {
        o.name = in.name().strip();
        o.creditCode = blankToNull(in.creditCode());
        o.legalForm = in.legalForm();
        o.managementClass = in.managementClass();
        o.category = in.category();
        o.subcategory = in.subcategory();
        o.serviceAreaSet(in.serviceAreas() == null || in.serviceAreas().isEmpty() ? null : EnumSet.copyOf(in.serviceAreas()));
        o.communityCode = in.communityCode();
        o.registeredOn = in.registeredOn();
        o.establishedOn = in.establishedOn();
        o.leaderName = in.leader() == null ? null : blankToNull(in.leader().name());
        o.leaderPhone = in.leader() == null ? null : blankToNull(in.leader().phone());
        o.memberCount = in.memberCount();
        o.hubType = Boolean.TRUE.equals(in.hubType());
        o.charterAdopted = Boolean.TRUE.equals(in.charterAdopted());
    }

    public static OrganizationState toState(Organization o) {
        return new OrganizationState(o.id, o.name, o.creditCode, o.legalForm, o.managementClass, o.category, o.subcategory,
                o.serviceAreaList(), o.communityCode, o.registeredOn, o.establishedOn, o.memberCount, o.hubType,
                o.charterAdopted, o.status, o.statusEffectiveOn, o.version);
    }

    public static OrganizationRef toRef(Organization o) {
        return new OrganizationRef(o.id, o.communityCode, o.category, o.subcategory, o.managementClass, o.registeredOn, o.status);
    }

    public static OrganizationApi.PublicOrganization toPublic(Organization o, String communityName) {
        return new OrganizationApi.PublicOrganization(o.id, o.name, o.creditCode, o.category, o.subcategory, o.communityCode,
                communityName, o.status, o.registeredOn);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
