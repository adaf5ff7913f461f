package io.miaopu.chassis.rest;

import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import java.util.List;

/** Checks of request values that Bean Validation cannot express, answered in the problem form. */
public final class Inputs {

    private Inputs() {
    }

    /** Text after trimming every kind of white space (an ideographic space included) must remain. */
    public static String requireText(String value, String field) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            throw invalid(ProblemType.VALIDATION, field, "must not be blank", "不能为空白");
        }
        return stripped;
    }

    /** A problem about one field of the request. */
    public static ProblemException invalid(ProblemType type, String field, String message, String messageZh) {
        return new ProblemException(type, field + ": " + message + ".", field + "：" + messageZh + "。",
                List.of(new Problem.FieldError(field, message, messageZh)));
    }

    /** 400 naming every broken rule, if any. */
    public static void reject(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw invalid(ProblemType.VALIDATION, errors);
        }
    }

    /** A problem about several fields of the request, each with its reason. */
    public static ProblemException invalid(ProblemType type, List<Problem.FieldError> errors) {
        if (errors.size() == 1) {
            Problem.FieldError e = errors.get(0);
            return invalid(type, e.field(), e.message(), e.messageZh());
        }
        String fields = String.join(", ", errors.stream().map(Problem.FieldError::field).distinct().toList());
        return new ProblemException(type, errors.size() + " fields are not acceptable: " + fields + ".",
                errors.size() + " 个字段不符合要求：" + fields + "。", errors);
    }
}
