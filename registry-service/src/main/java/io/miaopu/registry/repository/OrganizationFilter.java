package io.miaopu.registry.repository;

import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Classification.Subcategory;
import java.time.LocalDate;

/**
 * What a list of organizations is filtered by. {@code division} is the division whose communities
 * (itself and everything under it in the hierarchy replica) are listed, null every community;
 * {@code q} is a part of the name; {@code current} keeps only organizations not deregistered.
 */
public record OrganizationFilter(String division, Category category, Subcategory subcategory,
                                 ManagementClass managementClass, Status status, LocalDate registeredFrom,
                                 LocalDate registeredTo, String q, boolean current) {
}
