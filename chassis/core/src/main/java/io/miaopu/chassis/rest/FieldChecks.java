package io.miaopu.chassis.rest;

import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every broken rule of a request before answering, so that a refusal names all the
 * offending fields at once (a 400 by {@link #reject()}).
 */
public final class FieldChecks {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldChecks required(Object value, String field) {
        if (value == null) {
            add(field, "is required", "必填");
        }
        return this;
    }

    /** Text of at most {@code max} characters after trimming; blank counts as absent. */
    public FieldChecks text(String value, String field, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "is required", "必填");
            }
        } else if (value.strip().length() > max) {
            add(field, "has more than " + max + " characters", "超过 " + max + " 个字符");
        }
        return this;
    }

    /** A required date not after {@code today}. */
    public FieldChecks notFuture(LocalDate value, String field, LocalDate today) {
        if (value == null) {
            add(field, "is required", "必填");
        } else if (value.isAfter(today)) {
            add(field, "is in the future", "不能晚于今天");
        }
        return this;
    }

    public FieldChecks add(String field, String message, String messageZh) {
        errors.add(new FieldError(field, message, messageZh));
        return this;
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** 400 naming every broken rule, if any. */
    public void reject() {
        if (!errors.isEmpty()) {
            throw Inputs.invalid(ProblemType.VALIDATION, errors);
        }
    }
}
