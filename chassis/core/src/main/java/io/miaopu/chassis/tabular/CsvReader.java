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

    private CsvReader() {
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
