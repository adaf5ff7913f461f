package io.miaopu.chassis.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Values a database can store: PostgreSQL refuses the NUL character in text and JSON, and dates
 * outside its range, so a request carrying one would fail at the database (a 500). Every JSON
 * string and date of every request is checked here (a 400 naming the field); query parameters in
 * {@link QueryParams}; other text (uploads) with {@link #isStorable}. Dates are kept to the years
 * 1900–2999, wider than any record of this domain.
 */
@Singleton
public class StorableValues implements ObjectMapperCustomizer {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    public static boolean isStorable(LocalDate date) {
        return date == null || !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    public static boolean isStorable(String text) {
        return text == null || text.indexOf('\u0000') < 0;
    }

    /** A value fit to repeat in a message: without control characters, at most 40 characters. */
    public static String shown(String value) {
        String clean = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    /** A date deserializer whose dates must be storable. */
    static final class CheckedDate extends DelegatingDeserializer {

        CheckedDate(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new CheckedDate(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value instanceof LocalDate date && !isStorable(date)) {
                throw new InvalidFormatException(parser, "is outside the years 1900–2999", date.toString(), LocalDate.class);
            }
            return value;
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("miaopu-storable-text");
        module.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (!isStorable(value)) {
                    throw new InvalidFormatException(parser, "contains a NUL character", shown(value), String.class);
                }
                return value;
            }
        });
        // Whatever deserializer reads dates (the Java time module's), its result is checked: a modifier
        // wraps it, independently of the order in which modules are registered.
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == LocalDate.class ? new CheckedDate(deserializer) : deserializer;
            }
        });
        mapper.registerModule(module);
    }
}
