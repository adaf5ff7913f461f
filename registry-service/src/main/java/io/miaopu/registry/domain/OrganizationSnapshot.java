package io.miaopu.registry.domain;

import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.LegalForm;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Classification.Subcategory;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An organization's own state as its history keeps it before and after each change: the whole
 * record, leader included (histories are not public). Not the REST answer: a change of the API
 * changes no stored history. Its JSON (names and order of the fields) is what every history entry
 * written so far holds, so it changes only with a migration of the stored entries.
 */
public record OrganizationSnapshot(
        UUID id, String name, String creditCode, LegalForm legalForm, ManagementClass managementClass, Category category,
        Subcategory subcategory, List<ServiceArea> serviceAreas, String communityCode, LocalDate registeredOn,
        LocalDate establishedOn, Leader leader, Integer memberCount, boolean hubType, boolean charterAdopted, Status status,
        String statusReason, LocalDate statusEffectiveOn, long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** The leader (负责人): personal data, kept in the history only. */
    public record Leader(String name, String phone) {
    }

    public static OrganizationSnapshot of(Organization o) {
        Leader leader = o.leaderName == null && o.leaderPhone == null ? null : new Leader(o.leaderName, o.leaderPhone);
        return new OrganizationSnapshot(o.id, o.name, o.creditCode, o.legalForm, o.managementClass, o.category, o.subcategory,
                o.serviceAreaList(), o.communityCode, o.registeredOn, o.establishedOn, leader, o.memberCount, o.hubType,
                o.charterAdopted, o.status, o.statusReason, o.statusEffectiveOn, o.version, o.createdAt, o.updatedAt);
    }
}
