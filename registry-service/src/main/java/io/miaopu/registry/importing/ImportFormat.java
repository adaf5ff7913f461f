package io.miaopu.registry.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.tabular.CsvReader;
import io.miaopu.registry.domain.ImportJob;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an upload into rows, as a stream: each row is handed on as soon as it is read, rows are
 * counted while reading and reading stops at the first row past the limit. CSV: a header row naming
 * the columns (the JSON field names, the leader as leaderName and leaderPhone, service areas separated
 * by ';'). JSON lines: one organization per line, as POST /organizations takes it. A file that cannot
 * be read as a whole (no header, unknown or missing columns, an unclosed quote, too many rows) is
 * refused before anything is written.
 */
public final class ImportFormat {

    public static final Set<String> COLUMNS = new LinkedHashSet<>(List.of("name", "creditCode", "legalForm", "managementClass",
            "category", "subcategory", "serviceAreas", "communityCode", "registeredOn", "establishedOn", "leaderName",
            "leaderPhone", "memberCount", "hubType", "charterAdopted"));
    public static final List<String> REQUIRED_COLUMNS = List.of("name", "managementClass", "category", "communityCode",
            "registeredOn");

    private ImportFormat() {
    }

    /** Reads every row of the upload into {@code rows}; returns their number. */
    public static int read(ImportJob.Format format, Reader body, int maxRows, ObjectMapper json, Consumer<RawRow> rows) {
        return format == ImportJob.Format.CSV ? csv(body, maxRows, rows) : jsonLines(body, maxRows, json, rows);
    }

    static int csv(Reader body, int maxRows, Consumer<RawRow> rows) {
        int[] count = {0};
        CsvReader.read(body, COLUMNS, REQUIRED_COLUMNS, maxRows, row -> {
            count[0]++;
            rows.accept(row.cells() == null ? new RawRow(row.number(), null, row.errors())
                    : new RawRow(row.number(), RowConverter.toJson(row.cells()), null));
        });
        return count[0];
    }

    static int jsonLines(Reader body, int maxRows, ObjectMapper json, Consumer<RawRow> rows) {
        int count = 0;
        int lineNumber = 0;
        StringBuilder line = new StringBuilder();
        try {
            boolean end = false;
            while (!end) {
                line.setLength(0);
                lineNumber++;
                for (int c = body.read(); ; c = body.read()) {
                    if (c == -1) {
                        end = true;
                        break;
                    }
                    if (c == '\n') {
                        break;
                    }
                    if (line.length() >= CsvReader.MAX_RECORD_CHARS) {
                        throw Inputs.invalid(ProblemType.VALIDATION, "line " + lineNumber, "is longer than "
                                + CsvReader.MAX_RECORD_CHARS + " characters", "超过 " + CsvReader.MAX_RECORD_CHARS + " 个字符");
                    }
                    line.append((char) c);
                }
                String text = line.toString();
                if (text.isBlank() || lineNumber == 1 && text.equals("\uFEFF")) {
                    continue;
                }
                if (++count > maxRows) {
                    throw CsvReader.tooManyRows(maxRows);
                }
                rows.accept(jsonLine(lineNumber, text.startsWith("\uFEFF") ? text.substring(1) : text, json));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (count == 0) {
            throw Inputs.invalid(ProblemType.VALIDATION, "body", "has no rows", "没有数据行");
        }
        return count;
    }

    private static RawRow jsonLine(int row, String line, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JsonProcessingException e) {
            return new RawRow(row, null, List.of(new FieldError("row", "is not JSON", "不是合法的 JSON")));
        }
        if (node == null || !node.isObject()) {
            return new RawRow(row, null, List.of(new FieldError("row", "is not a JSON object", "不是 JSON 对象")));
        }
        return new RawRow(row, (ObjectNode) node, null);
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
