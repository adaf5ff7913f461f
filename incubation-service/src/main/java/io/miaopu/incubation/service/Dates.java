package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.problem.ProblemType;
import java.time.LocalDate;

/** Date order rules: an end never before its start. */
final class Dates {

    private Dates() {
    }

    static void notBefore(LocalDate value, LocalDate start, String field) {
        if (value != null && start != null && value.isBefore(start)) {
            throw Inputs.invalid(ProblemType.VALIDATION, field, "is before " + start, "早于 " + start);
        }
    }
}
