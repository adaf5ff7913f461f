package io.miaopu.registry.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** JSON merge patch (RFC 7396) of an organization's recorded facts. */
final class Patches {

    /** Fields an organization has but a patch may not touch, with where they change instead. */
    private static final Map<String, String[]> READ_ONLY = Map.of(
            "id", new String[] {"is assigned by the registry", "由系统分配"},
            "status", new String[] {"changes through POST /organizations/{id}/status-changes", "请通过状态变更接口修改"},
            "statusReason", new String[] {"changes through POST /organizations/{id}/status-changes", "请通过状态变更接口修改"},
            "version", new String[] {"is read-only; send it as If-Match", "只读，请通过 If-Match 提供"},
            "createdAt", new String[] {"is read-only", "只读"},
            "updatedAt", new String[] {"is read-only", "只读"});

    private static final Set<String> WRITABLE = java.util.Arrays.stream(OrganizationApi.Input.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toSet());

    private Patches() {
    }

    static OrganizationApi.Input merge(ObjectMapper json, OrganizationApi.Input current, ObjectNode patch) {
        if (patch == null) {
            throw Inputs.invalid(ProblemType.VALIDATION, "body", "must be a JSON object", "须为 JSON 对象");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (READ_ONLY.containsKey(name)) {
                errors.add(new FieldError(name, READ_ONLY.get(name)[0], READ_ONLY.get(name)[1]));
            } else if (!WRITABLE.contains(name)) {
                errors.add(new FieldError(name, "is not a field of an organization", "不是组织的字段"));
            }
        }
        if (!errors.isEmpty()) {
            throw Inputs.invalid(ProblemType.VALIDATION, errors);
        }
        JsonNode merged = apply(json.valueToTree(current), patch);
        try {
            return json.treeToValue(merged, OrganizationApi.Input.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String value = e instanceof InvalidFormatException f ? " '" + f.getValue() + "'" : "";
            throw Inputs.invalid(ProblemType.VALIDATION, field.isEmpty() ? "body" : field,
                    "has a value" + value + " of the wrong type or outside its vocabulary", "取值类型错误或不在取值范围内");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Inputs.invalid(ProblemType.VALIDATION, "body", "is not acceptable", "格式错误");
        }
    }

    /** RFC 7396: objects merge member by member, null removes, anything else replaces. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : ((ObjectNode) patch).objectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
            }
        });
        return result;
    }
}
