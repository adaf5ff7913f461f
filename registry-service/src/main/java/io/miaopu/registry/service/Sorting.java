package io.miaopu.registry.service;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.registry.repository.OrganizationRepository;
import java.util.TreeSet;

/** The sort parameter of lists: a field, descending with a leading "-" (default: name). */
record Sorting(String column, boolean descending) {

    static Sorting parse(String sort) {
        if (sort == null || sort.isBlank()) {
            return new Sorting("name", false);
        }
        String s = sort.strip();
        boolean descending = s.startsWith("-");
        String field = descending ? s.substring(1) : s;
        String column = OrganizationRepository.SORT_COLUMNS.get(field);
        if (column == null) {
            String allowed = String.join(", ", new TreeSet<>(OrganizationRepository.SORT_COLUMNS.keySet()));
            throw Inputs.invalid(ProblemType.VALIDATION, "sort", "must be one of " + allowed + " (prefix - for descending)",
                    "须为以下之一：" + allowed + "（前缀 - 表示降序）");
        }
        return new Sorting(column, descending);
    }
}
