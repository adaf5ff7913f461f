package io.miaopu.chassis.tabular;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A one-sheet XLSX (Office Open XML) written as a stream: each call returns the bytes produced so
 * far, so that a long export is sent while it is read and never held whole in memory. Text cells
 * are inline strings; numbers are numbers.
 */
public final class XlsxStream {

    private static final String CONTENT_TYPES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            </Types>""";
    private static final String ROOT_RELS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>""";
    private static final String WORKBOOK_RELS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            </Relationships>""";

    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
    private final ZipOutputStream zip = new ZipOutputStream(buffer, StandardCharsets.UTF_8);
    private final StringBuilder xml = new StringBuilder(64 * 1024);
    private int rowNumber;

    /** The package's fixed parts, the sheet's opening and its header row. */
    public byte[] start(String sheetName, List<String> header) {
        try {
            entry("[Content_Types].xml", CONTENT_TYPES);
            entry("_rels/.rels", ROOT_RELS);
            entry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
            entry("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"" + escape(sheetName) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
                    .append("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
            row(List.copyOf(header));
            return drain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends rows; a cell is a String, a Number, anything else (dates) as its text, or null (empty). */
    public byte[] rows(List<? extends List<?>> rows) {
        rows.forEach(this::row);
        return drain();
    }

    public byte[] finish() {
        try {
            xml.append("</sheetData></worksheet>");
            drainXml();
            zip.closeEntry();
            zip.finish();
            return take();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void row(List<?> cells) {
        rowNumber++;
        xml.append("<row r=\"").append(rowNumber).append("\">");
        for (Object cell : cells) {
            if (cell == null) {
                xml.append("<c/>");
            } else if (cell instanceof Number n) {
                xml.append("<c><v>").append(n).append("</v></c>");
            } else {
                xml.append("<c t=\"inlineStr\"><is><t xml:space=\"preserve\">").append(escape(cell.toString())).append("</t></is></c>");
            }
        }
        xml.append("</row>");
    }

    private void entry(String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private byte[] drain() {
        try {
            drainXml();
            return take();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drainXml() throws IOException {
        zip.write(xml.toString().getBytes(StandardCharsets.UTF_8));
        xml.setLength(0);
    }

    private byte[] take() {
        byte[] bytes = buffer.toByteArray();
        buffer.reset();
        return bytes;
    }

    /** XML text: markup characters escaped, characters XML 1.0 forbids dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
