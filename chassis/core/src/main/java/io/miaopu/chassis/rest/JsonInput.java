package io.miaopu.chassis.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.problem.Problem.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JSON object read into a request type exactly as a request body is (the same {@link ObjectMapper},
 * hence the same rules: storable text and dates, unknown properties, types), but with every
 * unreadable property named rather than only the first: rows of a bulk import get the reasons a
 * single request would get, all at once.
 */
public final class JsonInput {

    /** At most this many unreadable properties are named in one object. */
    private static final int MAX_ERRORS = 32;

    private JsonInput() {
    }

    /** The value read without its unreadable properties (null when the object as a whole cannot be read), and why each was left out. */
    public record Read<T>(T value, List<FieldError> errors, Set<String> unreadable) {
    }

    public static <T> Read<T> readAll(ObjectMapper json, ObjectNode object, Class<T> type) {
        ObjectNode rest = object.deepCopy();
        List<FieldError> errors = new ArrayList<>();
        Set<String> unreadable = new LinkedHashSet<>();
        while (true) {
            try {
                return new Read<>(json.treeToValue(rest, type), errors, unreadable);
            } catch (JsonMappingException e) {
                String property = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
                errors.add(fieldError(e));
                if (property == null || !rest.has(property) || errors.size() >= MAX_ERRORS) {
                    return new Read<>(null, errors, unreadable);
                }
                unreadable.add(property);
                rest.remove(property);
            } catch (JsonProcessingException e) {
                errors.add(new FieldError("body", "is not valid JSON for this operation", "不是本操作可接受的 JSON"));
                return new Read<>(null, errors, unreadable);
            }
        }
    }

    /** The field a mapping failure is about, as a path into the request ({@code leader.phone}, {@code serviceAreas[1]}). */
    public static String field(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** The reason given for a value that cannot be read, on a request as on a row of an import. */
    public static FieldError fieldError(JsonMappingException e) {
        String field = e.getPath().isEmpty() ? "body" : field(e);
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return new FieldError(StorableValues.shown(field), "is not a field of this request", "不是本请求的字段");
        }
        if (e instanceof RefusedValue refused) {
            return new FieldError(field, refused.reason(), refused.reasonZh());
        }
        return new FieldError(field, "has a value of the wrong type or format", "取值类型或格式错误");
    }
}
