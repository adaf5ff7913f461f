package io.miaopu.registry.repository;

import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Classification.Subcategory;
import java.time.LocalDate;
import java.util.List;

/**
 * What a list of organizations is filtered by. {@code communities} null means every community;
 * {@code q} is a part of the name; {@code current} keeps only organizations not deregistered.
 */
public record OrganizationFilter(List<String> communities, Category category, Subcategory subcategory,
                                 ManagementClass managementClass, Status status, LocalDate registeredFrom,
                                 LocalDate registeredTo, String q, boolean current) {
}
