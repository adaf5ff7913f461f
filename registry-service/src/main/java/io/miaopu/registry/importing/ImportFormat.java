package io.miaopu.registry.importing;

import io.miaopu.chassis.tabular.CsvReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.registry.domain.ImportJob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an upload into rows of text. CSV: a header row naming the columns (the JSON field names,
 * the leader as leaderName and leaderPhone, service areas separated by ';'). JSON lines: one
 * organization per line, as POST /organizations takes it. A file that cannot be read as a whole
 * (no header, unknown or missing columns, an unclosed quote) is refused before anything is written.
 */
public final class ImportFormat {

    public static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("name", "creditCode", "legalForm", "managementClass",
            "category", "subcategory", "serviceAreas", "communityCode", "registeredOn", "establishedOn", "leaderName",
            "leaderPhone", "memberCount", "hubType", "charterAdopted"));
    public static final List<String> REQUIRED_COLUMNS = List.of("name", "managementClass", "category", "communityCode",
            "registeredOn");

    private ImportFormat() {
    }

    public static List<RawRow> read(ImportJob.Format format, String body, ObjectMapper json) {
        return format == ImportJob.Format.CSV ? csv(body) : jsonLines(body, json);
    }

    static List<RawRow> csv(String body) {
        return CsvReader.table(body, COLUMNS, REQUIRED_COLUMNS).rows().stream()
                .map(row -> new RawRow(row.number(), row.cells(), row.errors())).toList();
    }

    static List<RawRow> jsonLines(String body, ObjectMapper json) {
        List<RawRow> rows = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            if (line.isBlank()) {
                continue;
            }
            int row = index + 1;
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                rows.add(new RawRow(row, null, List.of(new FieldError("row", "is not JSON", "不是合法的 JSON"))));
                continue;
            }
            if (node == null || !node.isObject()) {
                rows.add(new RawRow(row, null, List.of(new FieldError("row", "is not a JSON object", "不是 JSON 对象"))));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            List<FieldError> errors = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                switch (e.getKey()) {
                    case "leader" -> {
                        if (v.isObject()) {
                            flatText(v.get("name")).ifPresent(t -> fields.put("leaderName", t));
                            flatText(v.get("phone")).ifPresent(t -> fields.put("leaderPhone", t));
                        } else if (!v.isNull()) {
                            errors.add(new FieldError("leader", "must be an object {name, phone}", "须为对象 {name, phone}"));
                        }
                    }
                    case "serviceAreas" -> {
                        if (v.isArray()) {
                            List<String> areas = new ArrayList<>();
                            v.forEach(a -> areas.add(a.asText()));
                            fields.put("serviceAreas", String.join(";", areas));
                        } else if (!v.isNull()) {
                            errors.add(new FieldError("serviceAreas", "must be an array of codes", "须为代码数组"));
                        }
                    }
                    default -> {
                        if (!COLUMNS.contains(e.getKey()) || e.getKey().startsWith("leader")) {
                            errors.add(new FieldError(io.miaopu.chassis.rest.StorableValues.shown(e.getKey()),
                                    "is not a field of an organization", "不是组织的字段"));
                        } else if (v.isContainerNode()) {
                            errors.add(new FieldError(e.getKey(), "must be a single value", "须为单个值"));
                        } else {
                            flatText(v).ifPresent(t -> fields.put(e.getKey(), t));
                        }
                    }
                }
            }
            rows.add(errors.isEmpty() ? storable(new RawRow(row, fields, null)) : new RawRow(row, null, errors));
        }
        return rows;
    }

    /**
     * A row whose values the database could not store (a NUL character) becomes a rejected row at
     * once, so that queued rows only ever hold storable text.
     */
    static RawRow storable(RawRow row) {
        List<FieldError> errors = new ArrayList<>();
        row.fields().forEach((field, value) -> {
            if (!io.miaopu.chassis.rest.StorableValues.isStorable(value)) {
                errors.add(new FieldError(field, "contains a NUL character", "含有 NUL 字符"));
            }
        });
        return errors.isEmpty() ? row : new RawRow(row.row(), null, errors);
    }

    private static java.util.Optional<String> flatText(JsonNode v) {
        return v == null || v.isNull() ? java.util.Optional.empty() : java.util.Optional.of(v.asText());
    }

    /** The format named by a Content-Type, or 415. */
    public static ImportJob.Format of(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "text/csv" -> ImportJob.Format.CSV;
            case "application/x-ndjson", "application/jsonl", "application/jsonlines", "application/json-lines" ->
                    ImportJob.Format.JSON_LINES;
            default -> throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send text/csv or application/x-ndjson (JSON lines).", "请以 text/csv 或 application/x-ndjson（JSON lines）提交。");
        };
    }
}
