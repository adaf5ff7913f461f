package io.miaopu.registry.event;

import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Classification.Subcategory;
import java.time.LocalDate;
import java.util.UUID;

/** The organization a record event belongs to, as it stood: what consumers count records by. */
public record OrganizationRef(UUID id, String communityCode, Category category, Subcategory subcategory,
                              ManagementClass managementClass, LocalDate registeredOn, Status status) {
}
