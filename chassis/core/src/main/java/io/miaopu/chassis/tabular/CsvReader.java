package io.miaopu.chassis.tabular;

import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.StorableValues;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * RFC 4180 records: commas, double-quoted fields (doubled quotes inside), CRLF or LF, newlines inside
 * quotes. Read as a stream, record by record: an upload is never held whole, its rows are counted
 * while they are read and reading stops at the first row past the limit.
 */
public final class CsvReader {

    /** A record longer than this (in characters) is refused: no row of ours comes near it, and it bounds memory. */
    public static final int MAX_RECORD_CHARS = 64 * 1024;

    /** One record and the line it starts on. */
    public record Line(int lineNumber, List<String> fields) {
    }

    /** Thrown for text that is not CSV (an unterminated quote, an endless record). */
    public static final class MalformedException extends RuntimeException {
        public final int lineNumber;
        public final String messageZh;

        MalformedException(int lineNumber, String message, String messageZh) {
            super(message);
            this.lineNumber = lineNumber;
            this.messageZh = messageZh;
        }
    }

    /** A data row: its number as a spreadsheet shows it below the header, and its cells by column, or why it cannot be read. */
    public record Row(int number, Map<String, String> cells, List<FieldError> errors) {
    }

    /** An upload read as a table: the header's columns and the data rows (blank lines left out). */
    public record Table(List<String> header, List<Row> rows) {
    }

    private CsvReader() {
    }

    /** {@link #read} of a text held in memory, every row kept. */
    public static Table table(String body, Collection<String> columns, Collection<String> required) {
        List<Row> rows = new ArrayList<>();
        List<String> header = read(new StringReader(body == null ? "" : body), columns, required, Integer.MAX_VALUE, rows::add);
        return new Table(header, rows);
    }

    /**
     * Reads an upload with a header row naming its columns, handing each data row to {@code rows} as
     * soon as it is read; returns the header. Refused as a whole (400) when it is empty, a quote is not
     * closed, a record is longer than {@link #MAX_RECORD_CHARS}, the header names a column not in
     * {@code columns} or one twice, misses one of {@code required}, no data row follows, or there are
     * more than {@code maxRows} data rows (reading stops at the first one past the limit). A row with
     * another number of values than the header, or text a database cannot store, is a row with its reason.
     */
    public static List<String> read(Reader in, Collection<String> columns, Collection<String> required, int maxRows,
                                    Consumer<Row> rows) {
        Records records = new Records(in);
        Line first = records.nextOrRefuse();
        if (first == null) {
            throw Inputs.invalid(ProblemType.VALIDATION, "body", "has no header row", "缺少表头行");
        }
        List<String> header = first.fields().stream().map(String::strip).toList();
        FieldChecks checks = new FieldChecks();
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            String shown = StorableValues.shown(column);
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
        int count = 0;
        for (Line line = records.nextOrRefuse(); line != null; line = records.nextOrRefuse()) {
            List<String> values = line.fields();
            if (values.size() == 1 && values.get(0).isBlank()) {
                continue;
            }
            if (++count > maxRows) {
                throw tooManyRows(maxRows);
            }
            rows.accept(row(header, line));
        }
        if (count == 0) {
            throw Inputs.invalid(ProblemType.VALIDATION, "body", "has no rows", "没有数据行");
        }
        return header;
    }

    /** 400: more data rows than an upload may hold. */
    public static io.miaopu.chassis.problem.ProblemException tooManyRows(int maxRows) {
        String limit = String.format("%,d", maxRows);
        return Inputs.invalid(ProblemType.VALIDATION, "body", "has more than " + limit + " rows; split it",
                "超过 " + limit + " 行，请拆分");
    }

    private static Row row(List<String> header, Line line) {
        List<String> values = line.fields();
        int number = line.lineNumber() - 1;
        if (values.size() != header.size()) {
            return new Row(number, null, List.of(new FieldError("row",
                    "has " + values.size() + " values for " + header.size() + " columns",
                    "有 " + values.size() + " 个值，而表头有 " + header.size() + " 列")));
        }
        Map<String, String> cells = new LinkedHashMap<>();
        List<FieldError> unstorable = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            cells.put(header.get(c), values.get(c));
            if (!StorableValues.isStorable(values.get(c))) {
                unstorable.add(new FieldError(header.get(c), "contains a NUL character", "含有 NUL 字符"));
            }
        }
        return unstorable.isEmpty() ? new Row(number, cells, null) : new Row(number, null, unstorable);
    }

    /** Every record of a text in memory. */
    public static List<Line> parse(String text) {
        Records records = new Records(new StringReader(text));
        List<Line> lines = new ArrayList<>();
        for (Line line = records.next(); line != null; line = records.next()) {
            lines.add(line);
        }
        return lines;
    }

    /** Records read one at a time from a stream. */
    static final class Records {
        private final Reader in;
        private int pushed = -2;
        private int line = 1;
        private boolean started;

        Records(Reader in) {
            this.in = in;
        }

        /** The next record, or a 400 naming the line when the text is not CSV. */
        Line nextOrRefuse() {
            try {
                return next();
            } catch (MalformedException e) {
                throw Inputs.invalid(ProblemType.VALIDATION, "line " + e.lineNumber, e.getMessage(), e.messageZh);
            }
        }

        private int read() {
            if (pushed != -2) {
                int c = pushed;
                pushed = -2;
                return c;
            }
            try {
                return in.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next record, or null at the end of the text. */
        Line next() {
            if (!started) {
                started = true;
                int c = read();
                if (c != '\uFEFF' && c != -1) {
                    pushed = c;
                }
            }
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean fieldStarted = false;
            int recordLine = line;
            int length = 0;
            while (true) {
                int c = read();
                if (c == -1) {
                    if (quoted) {
                        throw new MalformedException(recordLine, "a quoted field is not closed", "引号未闭合");
                    }
                    if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
                        fields.add(field.toString());
                        return new Line(recordLine, List.copyOf(fields));
                    }
                    return null;
                }
                if (++length > MAX_RECORD_CHARS) {
                    throw new MalformedException(recordLine, "is longer than " + MAX_RECORD_CHARS + " characters",
                            "超过 " + MAX_RECORD_CHARS + " 个字符");
                }
                if (quoted) {
                    if (c == '"') {
                        int next = read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            pushed = next;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                } else if (c == '"' && field.length() == 0) {
                    quoted = true;
                    fieldStarted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r') {
                        int next = read();
                        if (next != '\n') {
                            pushed = next;
                        }
                    }
                    line++;
                    if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
                        fields.add(field.toString());
                        return new Line(recordLine, List.copyOf(fields));
                    }
                    // An empty line: no record, the next one starts on the next line.
                    recordLine = line;
                    length = 0;
                } else {
                    field.append((char) c);
                }
            }
        }
    }
}
