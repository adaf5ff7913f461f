package io.miaopu.chassis.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;
import java.util.function.Function;

/**
 * Typed query parameters ({@code int page}, {@code UUID traineeId} …) of every service: a value that
 * is not of the type is a 400 naming the parameter ({@link InvalidQueryParameter}), not the 404 that
 * JAX-RS prescribes for a failed conversion. Path parameters keep the 404: a malformed id names no
 * resource.
 */
@Provider
public class QueryParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = null;
        for (Annotation annotation : annotations == null ? new Annotation[0] : annotations) {
            if (annotation instanceof QueryParam query) {
                name = query.value();
            }
        }
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new Checked<>(name, Integer::valueOf, "must be a whole number", "须为整数");
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new Checked<>(name, Long::valueOf, "must be a whole number", "须为整数");
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Checked<>(name, QueryParamConverters::uuid,
                    "must be an id (UUID, such as 3f1c…-…)", "须为 UUID 格式的标识");
        }
        return null;
    }

    /** The canonical 36-character form only: {@link UUID#fromString} also takes "1-1-1-1-1". */
    private static UUID uuid(String text) {
        if (text.length() != 36) {
            throw new IllegalArgumentException(text);
        }
        return UUID.fromString(text);
    }

    private record Checked<T>(String name, Function<String, T> parse, String reason, String reasonZh)
            implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.strip());
            } catch (RuntimeException e) {
                throw new InvalidQueryParameter(name, reason, reasonZh);
            }
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
