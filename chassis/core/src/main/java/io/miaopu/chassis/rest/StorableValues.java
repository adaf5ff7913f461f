package io.miaopu.chassis.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Values a database can store: PostgreSQL refuses the NUL character in text and JSON, and dates
 * outside its range; text with an unpaired UTF-16 surrogate has no UTF-8 form, so it would be
 * stored altered (the surrogate and the character after it replaced) or fail at the database (a
 * 500). Every JSON string and date of every request is checked here (a 400 naming the field);
 * query parameters in {@link QueryParams}; other text (uploads) with {@link #isStorable}. Dates are
 * kept to the years 1900–2999, wider than any record of this domain, and must be exactly
 * {@code yyyy-MM-dd} (no time part, no padding).
 */
@Singleton
public class StorableValues implements ObjectMapperCustomizer {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    /** ISO dates exactly: four-digit year, real month and day (2024-02-30 is refused, not moved). */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    public static boolean isStorable(LocalDate date) {
        return date == null || !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    public static boolean isStorable(String text) {
        return unstorable(text) == null;
    }

    /** Why {@code text} cannot be stored as it is, in English and Chinese, or null when it can. */
    public static String[] unstorable(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return NUL;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return LONE_SURROGATE;
            }
        }
        return null;
    }

    private static final String[] NUL = {"contains a NUL character", "含有 NUL 字符"};
    private static final String[] LONE_SURROGATE = {"contains an unpaired UTF-16 surrogate, which is not a character",
            "含有不成对的 UTF-16 代理码元（不是有效字符）"};

    /** A date written exactly as {@code yyyy-MM-dd} within the storable years, or null when it is not one. */
    public static LocalDate parseDate(String text) {
        if (text == null || text.length() != 10) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text, DATE);
            return isStorable(date) ? date : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A value fit to repeat in a message: without control characters or lone surrogates, at most 40 characters. */
    public static String shown(String value) {
        // codePoints() yields a lone surrogate as itself (paired ones are one code point above U+FFFF)
        String clean = value.codePoints().filter(c -> !Character.isISOControl(c)
                        && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    private static final String[] NOT_A_DATE = {"must be a date (yyyy-MM-dd)", "须为日期（yyyy-MM-dd）"};
    private static final String[] OUT_OF_RANGE = {"is outside the years 1900–2999", "超出 1900–2999 年的范围"};

    /**
     * Dates only as a JSON string {@code yyyy-MM-dd}: the Java time module's own reader trims the
     * text (a trailing NUL or space vanished), takes the date of a date-time, and reads numbers and
     * arrays as dates.
     */
    static final class StrictDate extends StdScalarDeserializer<LocalDate> {

        StrictDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new RefusedValue(parser, NOT_A_DATE[0], NOT_A_DATE[1], null, LocalDate.class);
            }
            String text = parser.getText();
            LocalDate date = parseDate(text);
            if (date == null) {
                String[] reason = text.length() == 10 && parseable(text) ? OUT_OF_RANGE : NOT_A_DATE;
                throw new RefusedValue(parser, reason[0], reason[1], shown(text), LocalDate.class);
            }
            return date;
        }

        private static boolean parseable(String text) {
            try {
                LocalDate.parse(text, DATE);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("miaopu-storable-text");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                String[] reason = unstorable(value);
                if (reason != null) {
                    throw new RefusedValue(parser, reason[0], reason[1], shown(value), String.class);
                }
                return value;
            }
        });
        // Whatever deserializer would read dates (the Java time module's), ours replaces it: a modifier
        // applies independently of the order in which modules are registered.
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == LocalDate.class ? new StrictDate() : deserializer;
            }
        });
        mapper.registerModule(module);
    }
}
