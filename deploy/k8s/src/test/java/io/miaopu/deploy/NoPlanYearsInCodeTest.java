package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A repository-wide rule of the plans issue: plans are data, so no service's main code holds a year as a number
 * (2021, 2025, 2035...): a plan's years come from the plan, a period's from the request. Text (descriptions,
 * messages) and comments may name years; demo data, the bench and tests are not main code of a service.
 */
class NoPlanYearsInCodeTest {

    private static final List<String> MODULES = List.of("registry-service", "incubation-service", "training-service",
            "metrics-service", "gateway", "chassis/core", "chassis/events", "registry-service/contract",
            "incubation-service/contract", "training-service/contract");
    /**
     * A whole number from 2010 to 2099 standing alone in code: the years of plans. (Bounds of a format, such as
     * 1900, and facts older than any plan, such as the first national social-work exam of 2008, are not plans'.)
     */
    private static final Pattern YEAR = Pattern.compile("(?<![\\w.])20[1-9]\\d(?![\\w.])");

    @Test
    void noServiceCodeHoldsAYearLiteral() throws IOException {
        List<String> found = new ArrayList<>();
        Path root = Manifests.projectRoot();
        for (String module : MODULES) {
            Path main = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    String code = codeOnly(read(f));
                    String[] lines = code.split("\n", -1);
                    for (int n = 0; n < lines.length; n++) {
                        Matcher m = YEAR.matcher(lines[n]);
                        if (m.find()) {
                            found.add(root.relativize(f) + ":" + (n + 1) + ": " + lines[n].strip());
                        }
                    }
                });
            }
        }
        assertEquals(List.of(), found, "year literals in service code (make them data: a plan's years, a request's period)");
    }

    /** The source with comments, string and character literals and text blocks blanked (line breaks kept). */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                blank(source, i, end, out);
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                blank(source, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < source.length() && source.charAt(end) != c) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(source.length(), end + 1);
                blank(source, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String source, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(source.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
