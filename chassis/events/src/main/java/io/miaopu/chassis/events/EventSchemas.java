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
 * type. Producers validate before writing to the outbox; consumers before applying an event.
 */
@ApplicationScoped
public class EventSchemas {

    public static final String RESOURCE_DIR = "miaopu/events/";

    private final ConcurrentHashMap<String, Optional<Validator>> validators = new ConcurrentHashMap<>();

    /** Throws {@link PoisonEventException} unless {@code data} is valid for the known {@code type}. */
    public void validate(String type, String data) {
        Validator validator = validators.computeIfAbsent(type, EventSchemas::load)
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
        return validators.computeIfAbsent(type, EventSchemas::load).isPresent();
    }

    private static Optional<Validator> load(String type) {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream(RESOURCE_DIR + type + ".schema.json")) {
            if (in == null) {
                return Optional.empty();
            }
            JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Optional.of(Validator.create(JsonSchema.of(schema), new JsonSchemaOptions()
                    .setDraft(Draft.DRAFT202012)
                    .setBaseUri("urn:miaopu:events:")
                    .setOutputFormat(OutputFormat.Basic)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema of " + type, e);
        }
    }
}
