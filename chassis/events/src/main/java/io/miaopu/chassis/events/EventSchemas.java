package io.miaopu.chassis.events;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of docs/events (packaged as classpath resources miaopu/events/), one per event
 * type. Producers validate strictly before writing to the outbox ({@link #validate}: the schemas say
 * {@code additionalProperties: false}, so a producer never emits a field its contract lacks);
 * consumers validate as tolerant readers before applying an event ({@link #validateReceived}: the
 * same schema with unknown properties allowed at every level), so that a producer that adds a field
 * before its consumers are upgraded does not send its events to their dead letters.
 */
@ApplicationScoped
public class EventSchemas {

    public static final String RESOURCE_DIR = "miaopu/events/";

    private final ConcurrentHashMap<String, Optional<Validator>> validators = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Optional<Validator>> tolerant = new ConcurrentHashMap<>();

    /**
     * For a producer: throws {@link PoisonEventException} unless {@code data} is valid for the known
     * {@code type}, unknown properties included.
     */
    public void validate(String type, String data) {
        check(type, data, validators.computeIfAbsent(type, t -> load(t, false)));
    }

    /**
     * For a consumer (tolerant reader): as {@link #validate}, except that properties the schema does not
     * know are allowed; what it knows must still be as it says (types, required fields, formats).
     */
    public void validateReceived(String type, String data) {
        check(type, data, tolerant.computeIfAbsent(type, t -> load(t, true)));
    }

    private static void check(String type, String data, Optional<Validator> found) {
        Validator validator = found
                .orElseThrow(() -> new PoisonEventException(PoisonEventException.Reason.UNKNOWN_TYPE, type));
        Object instance;
        try {
            instance = new JsonObject(data);
        } catch (DecodeException e) {
            throw new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE, "data is not a JSON object");
        }
        OutputUnit result = validator.validate(instance);
        if (!Boolean.TRUE.equals(result.getValid())) {
            String errors = result.getErrors() == null ? String.valueOf(result.getError())
                    : result.getErrors().stream()
                    .map(e -> e.getInstanceLocation() + " " + e.getError())
                    .collect(Collectors.joining("; "));
            throw new PoisonEventException(PoisonEventException.Reason.SCHEMA_INVALID, type + ": " + errors);
        }
    }

    public boolean knows(String type) {
        return validators.computeIfAbsent(type, t -> load(t, false)).isPresent();
    }

    private static Optional<Validator> load(String type, boolean tolerant) {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(RESOURCE_DIR + type + ".schema.json")) {
            if (in == null) {
                return Optional.empty();
            }
            JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (tolerant) {
                allowUnknownProperties(schema);
            }
            return Optional.of(Validator.create(JsonSchema.of(schema), new JsonSchemaOptions()
                    .setDraft(Draft.DRAFT202012)
                    .setBaseUri("urn:miaopu:events:")
                    .setOutputFormat(OutputFormat.Basic)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema of " + type, e);
        }
    }

    /**
     * Drops every {@code additionalProperties: false} / {@code unevaluatedProperties: false} of a schema,
     * at any depth (nested objects, $defs, items). Only the boolean false is dropped: a property named
     * like the keyword would hold an object schema, never false.
     */
    static void allowUnknownProperties(Object node) {
        if (node instanceof JsonObject object) {
            for (String keyword : new String[] {"additionalProperties", "unevaluatedProperties"}) {
                if (Boolean.FALSE.equals(object.getValue(keyword))) {
                    object.remove(keyword);
                }
            }
            object.forEach(entry -> allowUnknownProperties(entry.getValue()));
        } else if (node instanceof io.vertx.core.json.JsonArray array) {
            array.forEach(EventSchemas::allowUnknownProperties);
        }
    }
}
