package io.miaopu.chassis.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV reader reads a stream record by record and stops at the limits without reading further. */
class CsvReaderTest {

    static final List<String> COLUMNS = List.of("a", "b", "c");

    @Test
    void recordsQuotesLineBreaksAndRowNumbersAsASpreadsheetShowsThem() {
        List<CsvReader.Row> rows = new ArrayList<>();
        List<String> header = CsvReader.read(new StringReader("\uFEFFa,b,c\r\n1,\"x,\"\"y\"\"\",3\r\n\r\n4,\"two\nlines\",6\n7,8\n"),
                COLUMNS, List.of("a"), 10, rows::add);
        assertEquals(COLUMNS, header);
        assertEquals(3, rows.size());
        assertEquals(Map.of("a", "1", "b", "x,\"y\"", "c", "3"), rows.get(0).cells());
        assertEquals(1, rows.get(0).number());
        assertEquals("two\nlines", rows.get(1).cells().get("b"));
        assertEquals(3, rows.get(1).number());
        assertNull(rows.get(2).cells());
        assertEquals("row", rows.get(2).errors().get(0).field());
    }

    /** An endless stream of empty rows: refused at the first row past the limit, having read no further. */
    @Test
    void readingStopsAtTheFirstRowPastTheLimit() {
        int[] rowsRead = {0};
        Reader endless = new Reader() {
            private final String header = "a,b,c\n";
            private long position;

            @Override
            public int read(char[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++) {
                    buffer[offset + i] = position < header.length() ? header.charAt((int) position) : ",,\n".charAt((int) ((position - header.length()) % 3));
                    position++;
                }
                return length;
            }

            @Override
            public void close() {
            }
        };
        ProblemException refused = assertThrows(ProblemException.class,
                () -> CsvReader.read(endless, COLUMNS, List.of(), 1_000, row -> rowsRead[0]++));
        assertEquals(400, refused.problem().status());
        assertEquals("body", refused.problem().errors().get(0).field());
        assertEquals(1_000, rowsRead[0]);
    }

    @Test
    void aRecordWithoutEndIsRefusedNamingItsLine() {
        ProblemException refused = assertThrows(ProblemException.class, () -> CsvReader.read(
                new StringReader("a,b,c\n1,2,3\n\"" + "x".repeat(CsvReader.MAX_RECORD_CHARS + 1)), COLUMNS, List.of(), 10, row -> {
                }));
        assertEquals("line 3", refused.problem().errors().get(0).field());
    }

    @Test
    void aBodyPastTheByteLimitIsA413AndLeavesNoFile() throws Exception {
        long before;
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            before = files.filter(p -> p.getFileName().toString().startsWith("miaopu-upload-")).count();
        }
        ProblemException refused = assertThrows(ProblemException.class,
                () -> Uploads.spool(new ByteArrayInputStream(new byte[2049]), 2048));
        assertEquals(413, refused.problem().status());
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(before, files.filter(p -> p.getFileName().toString().startsWith("miaopu-upload-")).count());
        }
        Path kept = Uploads.spool(new ByteArrayInputStream("a,b,c\n".getBytes()), 2048);
        assertTrue(Files.exists(kept));
        Uploads.delete(kept);
    }
}
