package io.miaopu.registry.importing;

import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.rest.StorableValues;
import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.LegalForm;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Subcategory;
import io.miaopu.registry.domain.ServiceArea;
import io.miaopu.registry.rest.OrganizationApi;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A row's text into an organization input, with a reason for every value that cannot be read. */
final class RowConverter {

    record Converted(OrganizationApi.Input input, List<FieldError> errors) {
    }

    private RowConverter() {
    }

    static Converted convert(Map<String, String> fields) {
        List<FieldError> errors = new ArrayList<>();

        String leaderName = text(fields, "leaderName");
        String leaderPhone = text(fields, "leaderPhone");
        OrganizationApi.Input input = new OrganizationApi.Input(
                text(fields, "name"),
                text(fields, "creditCode"),
                enumValue(LegalForm.class, fields, "legalForm", errors),
                enumValue(ManagementClass.class, fields, "managementClass", errors),
                enumValue(Category.class, fields, "category", errors),
                enumValue(Subcategory.class, fields, "subcategory", errors),
                areas(fields, errors),
                text(fields, "communityCode"),
                date(fields, "registeredOn", errors),
                date(fields, "establishedOn", errors),
                leaderName == null && leaderPhone == null ? null : new OrganizationApi.Leader(leaderName, leaderPhone),
                integer(fields, "memberCount", errors),
                bool(fields, "hubType", errors),
                bool(fields, "charterAdopted", errors));
        return new Converted(input, errors);
    }

    private static String text(Map<String, String> fields, String name) {
        String v = fields.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, String> fields, String name, List<FieldError> errors) {
        String v = text(fields, name);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
            String shown = StorableValues.shown(v);
            errors.add(new FieldError(name, "'" + shown + "' is not one of " + allowed, "“" + shown + "”不是以下之一：" + allowed));
            return null;
        }
    }

    private static List<ServiceArea> areas(Map<String, String> fields, List<FieldError> errors) {
        String v = text(fields, "serviceAreas");
        if (v == null) {
            return null;
        }
        List<ServiceArea> areas = new ArrayList<>();
        for (String code : v.split("[;|、]")) {
            if (code.isBlank()) {
                continue;
            }
            try {
                areas.add(ServiceArea.valueOf(code.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                String shown = StorableValues.shown(code.strip());
                errors.add(new FieldError("serviceAreas", "'" + shown + "' is not a service area", "“" + shown + "”不是服务领域代码"));
            }
        }
        return areas;
    }

    private static LocalDate date(Map<String, String> fields, String name, List<FieldError> errors) {
        String v = text(fields, name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            String shown = StorableValues.shown(v);
            errors.add(new FieldError(name, "'" + shown + "' is not a date (yyyy-MM-dd)", "“" + shown + "”不是日期（yyyy-MM-dd）"));
            return null;
        }
    }

    private static Integer integer(Map<String, String> fields, String name, List<FieldError> errors) {
        String v = text(fields, name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            String shown = StorableValues.shown(v);
            errors.add(new FieldError(name, "'" + shown + "' is not a whole number", "“" + shown + "”不是整数"));
            return null;
        }
    }

    private static Boolean bool(Map<String, String> fields, String name, List<FieldError> errors) {
        String v = text(fields, name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "是" -> Boolean.TRUE;
            case "false", "no", "0", "否" -> Boolean.FALSE;
            default -> {
                String shown = StorableValues.shown(v);
                errors.add(new FieldError(name, "'" + shown + "' is not true or false", "“" + shown + "”不是 true 或 false（是/否）"));
                yield null;
            }
        };
    }
}
