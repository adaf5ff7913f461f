package io.miaopu.chassis.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/**
 * JSON is read strictly, the same way in every service (request bodies and events alike): a value
 * is taken only in its own JSON type, so that what a client sent is what is stored, and anything
 * else is a 400 naming the field ({@code ProblemMappers}).
 * <ul>
 *   <li>one document: anything after it (garbage, a second document) is refused;</li>
 *   <li>a member named twice in one object is refused (which one would win is nobody's guess);</li>
 *   <li>no scalar coercion: a number is not a string, {@code "12"} is not a number, {@code 1} is not
 *       {@code true}, {@code 1.999} is not a whole number (it was truncated: 1.999 fen became 1),
 *       {@code ""} is not a number, null is not 0;</li>
 *   <li>enums only by their exact name (not by index, not in another case, never an unknown one as null);</li>
 *   <li>a set (for example an incubator's services) names each value once.</li>
 * </ul>
 * Dates and text that cannot be stored are refused by {@link StorableValues}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: Quarkus hands us the mapper, not a builder
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        mapper.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, false);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        // Text is not taken from numbers or booleans (ALLOW_COERCION_OF_SCALARS leaves text to these).
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);

        SimpleModule module = new SimpleModule("miaopu-strict-json");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return Set.class.isAssignableFrom(type.getRawClass()) ? new DistinctSet(deserializer) : deserializer;
            }
        });
        mapper.registerModule(module);
    }

    /** A set read from an array in which no value appears twice (a set would silently keep one). */
    static final class DistinctSet extends DelegatingDeserializer {

        DistinctSet(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new DistinctSet(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                return super.deserialize(parser, context);
            }
            TokenBuffer copy = context.bufferAsCopyOfValue(parser);
            int elements = 0;
            try (JsonParser counting = copy.asParserOnFirstToken()) {
                while (counting.nextToken() != JsonToken.END_ARRAY) {
                    counting.skipChildren();
                    elements++;
                }
            }
            Object value;
            try (JsonParser reading = copy.asParserOnFirstToken()) {
                value = _delegatee.deserialize(reading, context);
            }
            if (value instanceof Collection<?> set && set.size() != elements) {
                throw new RefusedValue(parser, "lists the same value twice", "重复列出了同一取值", null, Set.class);
            }
            return value;
        }
    }
}
