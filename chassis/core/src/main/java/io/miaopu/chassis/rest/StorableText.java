package io.miaopu.chassis.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Text a database can store: PostgreSQL refuses the NUL character in text and JSON, so a request
 * carrying one would fail at the database (a 500). Every JSON string of every request is checked
 * here (a 400 naming the field); query parameters in {@link QueryParams}; other text (uploads) with
 * {@link #isStorable}.
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    public static boolean isStorable(String text) {
        return text == null || text.indexOf('\u0000') < 0;
    }

    /** A value fit to repeat in a message: without control characters, at most 40 characters. */
    public static String shown(String value) {
        String clean = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
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
        mapper.registerModule(module);
    }
}
