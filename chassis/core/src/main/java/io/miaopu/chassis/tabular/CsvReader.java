package io.miaopu.chassis.tabular;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 records: commas, double-quoted fields (doubled quotes inside), CRLF or LF, newlines inside quotes. */
public final class CsvReader {

    /** One record and the line it starts on. */
    public record Line(int lineNumber, List<String> fields) {
    }

    /** Thrown for text that is not CSV (an unterminated quote). */
    public static final class MalformedException extends RuntimeException {
        public final int lineNumber;

        MalformedException(int lineNumber, String message) {
            super(message);
            this.lineNumber = lineNumber;
        }
    }

    /** A data row: its number as a spreadsheet shows it below the header, and its cells by column, or why it cannot be read. */
    public record Row(int number, java.util.Map<String, String> cells, List<io.miaopu.chassis.problem.Problem.FieldError> errors) {
    }

    /** An upload read as a table: the header's columns and the data rows (blank lines left out). */
    public record Table(List<String> header, List<Row> rows) {
    }

    private CsvReader() {
    }

    /**
     * Reads an upload with a header row naming its columns. Refused as a whole (400, nothing read)
     * when it is empty, a quote is not closed, the header names a column not in {@code columns} or one
     * twice, misses one of {@code required}, or no data row follows. A row with another number of
     * values than the header, or text a database cannot store, is a row with its reason.
     */
    public static Table table(String body, java.util.Collection<String> columns, java.util.Collection<String> required) {
        List<Line> lines;
        try {
            lines = parse(body == null ? "" : body);
        } catch (MalformedException e) {
            throw io.miaopu.chassis.rest.Inputs.invalid(io.miaopu.chassis.problem.ProblemType.VALIDATION, "line " + e.lineNumber,
                    e.getMessage(), "引号未闭合");
        }
        if (lines.isEmpty()) {
            throw io.miaopu.chassis.rest.Inputs.invalid(io.miaopu.chassis.problem.ProblemType.VALIDATION, "body",
                    "has no header row", "缺少表头行");
        }
        List<String> header = lines.get(0).fields().stream().map(String::strip).toList();
        io.miaopu.chassis.rest.FieldChecks checks = new io.miaopu.chassis.rest.FieldChecks();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String column : header) {
            String shown = io.miaopu.chassis.rest.StorableValues.shown(column);
            if (!columns.contains(column)) {
                checks.add("header." + shown, "is not a column here (columns: " + String.join(", ", columns) + ")",
                        "不是可用的列（可用：" + String.join("、", columns) + "）");
            } else if (!seen.add(column)) {
                checks.add("header." + shown, "appears twice", "重复出现");
            }
        }
        for (String column : required) {
            if (!header.contains(column)) {
                checks.add("header." + column, "is a required column", "是必需的列");
            }
        }
        checks.reject();
        List<Row> rows = new ArrayList<>();
        for (Line line : lines.subList(1, lines.size())) {
            List<String> values = line.fields();
            if (values.size() == 1 && values.get(0).isBlank()) {
                continue;
            }
            int number = line.lineNumber() - 1;
            if (values.size() != header.size()) {
                rows.add(new Row(number, null, List.of(new io.miaopu.chassis.problem.Problem.FieldError("row",
                        "has " + values.size() + " values for " + header.size() + " columns",
                        "有 " + values.size() + " 个值，而表头有 " + header.size() + " 列"))));
            } else {
                java.util.Map<String, String> cells = new java.util.LinkedHashMap<>();
                List<io.miaopu.chassis.problem.Problem.FieldError> unstorable = new ArrayList<>();
                for (int c = 0; c < header.size(); c++) {
                    cells.put(header.get(c), values.get(c));
                    if (!io.miaopu.chassis.rest.StorableValues.isStorable(values.get(c))) {
                        unstorable.add(new io.miaopu.chassis.problem.Problem.FieldError(header.get(c), "contains a NUL character",
                                "含有 NUL 字符"));
                    }
                }
                rows.add(unstorable.isEmpty() ? new Row(number, cells, null) : new Row(number, null, unstorable));
            }
        }
        if (rows.isEmpty()) {
            throw io.miaopu.chassis.rest.Inputs.invalid(io.miaopu.chassis.problem.ProblemType.VALIDATION, "body",
                    "has no rows", "没有数据行");
        }
        return new Table(header, rows);
    }

    public static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
                    fields.add(field.toString());
                    lines.add(new Line(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                fieldStarted = false;
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new MalformedException(recordLine, "a quoted field is not closed");
        }
        if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            lines.add(new Line(recordLine, List.copyOf(fields)));
        }
        return lines;
    }
}
