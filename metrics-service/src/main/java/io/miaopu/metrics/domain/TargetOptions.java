package io.miaopu.metrics.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Definitions the plan text leaves to the bureau, recorded with a target (docs/metrics.md): each applies
 * to one kind and is null elsewhere.
 *
 * @param demonstrations T11: NET (certified and not revoked at the day measured) or CUMULATIVE (ever certified
 *                       within the plan's period, 累计创建)
 * @param levels         T12: the levels that must each have an active incubator (PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE)
 * @param coverageBy     T13: TRAINEE_DIVISION (a township-level unit is covered by where its trainees serve) or
 *                       SESSION_LOCATION (by where sessions were held)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TargetOptions(String demonstrations, List<String> levels, String coverageBy) {

    public static final TargetOptions NONE = new TargetOptions(null, null, null);

    public static final String NET = "NET";
    public static final String CUMULATIVE = "CUMULATIVE";
    public static final String TRAINEE_DIVISION = "TRAINEE_DIVISION";
    public static final String SESSION_LOCATION = "SESSION_LOCATION";
    public static final List<String> DEFAULT_LEVELS = List.of("PROVINCE", "CITY", "COUNTY");
    public static final List<String> ALL_LEVELS = List.of("PROVINCE", "CITY", "COUNTY", "TOWNSHIP", "VILLAGE");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** As stored in a JSON column (its own mapper: the REST mapper's settings never reach stored data). */
    public static TargetOptions read(String json) {
        try {
            return json == null || json.isBlank() ? NONE : JSON.readValue(json, TargetOptions.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable target options " + json, e);
        }
    }

    public String write() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The option the kind uses, defaulted; null elsewhere. */
    public static TargetOptions defaults(Target.Kind kind) {
        return switch (kind) {
            case HUB_DEMONSTRATIONS -> new TargetOptions(NET, null, null);
            case INCUBATION_SYSTEM -> new TargetOptions(null, DEFAULT_LEVELS, null);
            case TRAINING_COVERAGE -> new TargetOptions(null, null, TRAINEE_DIVISION);
            default -> NONE;
        };
    }
}
