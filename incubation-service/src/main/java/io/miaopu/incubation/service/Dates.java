package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.problem.ProblemType;
import java.time.LocalDate;

/** Date order rules: an end never before its start; a budget year no later than next year. */
final class Dates {

    private Dates() {
    }

    /** A funding's year: a real year (as storable as any date) and at most next year (budgets are granted a year ahead). */
    static void fundingYear(Integer year) {
        int next = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear() + 1;
        if (year != null && (year < io.miaopu.chassis.rest.StorableValues.EARLIEST.getYear() || year > next)) {
            throw Inputs.invalid(ProblemType.VALIDATION, "year", "must be a year no later than " + next, "须为不晚于 " + next + " 年的年份");
        }
    }

    static void notBefore(LocalDate value, LocalDate start, String field) {
        if (value != null && start != null && value.isBefore(start)) {
            throw Inputs.invalid(ProblemType.VALIDATION, field, "is before " + start, "早于 " + start);
        }
    }
}
