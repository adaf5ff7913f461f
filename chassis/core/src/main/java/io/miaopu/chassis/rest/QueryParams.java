package io.miaopu.chassis.rest;

import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Query parameters parsed so that a bad value is a 400 naming the parameter (JAX-RS would answer 404). */
public final class QueryParams {

    private QueryParams() {
    }

    /** The trimmed value, or null when absent or blank; text that cannot be stored (a NUL character …) is a 400. */
    public static String text(String value) {
        String[] reason = StorableValues.unstorable(value);
        if (reason != null) {
            throw new ProblemException(ProblemType.VALIDATION, "A parameter " + reason[0] + ".", "参数" + reason[1] + "。");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A whole number from min to max, {@code absent} when absent or blank; anything else is a 400 naming the parameter. */
    public static long whole(String name, String value, long min, long max, long absent) {
        String text = text(value);
        if (text == null) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(text);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Inputs.invalid(ProblemType.VALIDATION, name, "must be a whole number from " + min + " to " + max,
                "须为 " + min + " 至 " + max + " 之间的整数");
    }

    /** true / false, or null when absent; anything else is a 400 naming the parameter. */
    public static Boolean booleanValue(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ProblemException(ProblemType.VALIDATION, "Parameter " + name + " must be true or false.",
                    "参数 " + name + " 须为 true 或 false。",
                    List.of(new Problem.FieldError(name, "must be true or false", "须为 true 或 false")));
        };
    }

    public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new ProblemException(ProblemType.VALIDATION, "Unknown " + name + " '" + value + "'.",
                    "参数 " + name + " 的取值“" + value + "”无效。",
                    List.of(new Problem.FieldError(name, "must be one of " + allowed, "须为以下之一：" + allowed)));
        }
    }

    /** An ISO date (2024-05-01), or null when absent; anything else is a 400 naming the parameter. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date = StorableValues.parseDate(value.strip());
        if (date == null) {
            throw new ProblemException(ProblemType.VALIDATION, "Parameter " + name + " must be a date such as 2024-05-01.",
                    "参数 " + name + " 须为日期，如 2024-05-01。",
                    List.of(new Problem.FieldError(name, "must be a date (yyyy-MM-dd)", "须为日期（yyyy-MM-dd）")));
        }
        return date;
    }
}
