package io.miaopu.chassis.tabular;

import java.util.List;
import java.util.stream.Collectors;

/** CSV lines (RFC 4180) for exports; the file starts with a UTF-8 byte-order mark so that Excel reads Chinese. */
public final class CsvText {

    public static final String BOM = "\uFEFF";
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";

    private CsvText() {
    }

    public static String line(List<?> cells) {
        return cells.stream().map(CsvText::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // A leading =, +, - or @ would make a spreadsheet run the cell as a formula (CSV injection).
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
