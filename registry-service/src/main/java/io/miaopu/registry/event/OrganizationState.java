package io.miaopu.registry.event;

import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.LegalForm;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Classification.Subcategory;
import io.miaopu.registry.domain.ServiceArea;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The state of an organization as its events carry it: everything but the leader, the phone and the
 * free-text status reason (which may name people). {@code statusEffectiveOn} is the day the current
 * status took effect (for an organization active since it was registered or filed: registeredOn).
 */
public record OrganizationState(UUID id, String name, String creditCode, LegalForm legalForm, ManagementClass managementClass,
                                Category category, Subcategory subcategory, List<ServiceArea> serviceAreas, String communityCode,
                                LocalDate registeredOn, LocalDate establishedOn, Integer memberCount, boolean hubType,
                                boolean charterAdopted, Status status, LocalDate statusEffectiveOn,
                                long version) {
}
