package io.miaopu.incubation.service;

import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import java.util.List;

/** Checks of request values that Bean Validation cannot express, answered in the problem form. */
final class Inputs {

    private Inputs() {
    }

    /** Text after trimming every kind of white space (an ideographic space included) must remain. */
    static String requireText(String value, String field) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw invalid(ProblemType.VALIDATION, field, "must not be blank", "不能为空白");
        }
        return stripped;
    }

    /** A problem about one field of the request. */
    static ProblemException invalid(ProblemType type, String field, String message, String messageZh) {
        return new ProblemException(type, field + ": " + message + ".", field + "：" + messageZh + "。",
                List.of(new Problem.FieldError(field, message, messageZh)));
    }
}
