package io.miaopu.chassis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.miaopu.chassis.events.probe.Probe;
import io.miaopu.chassis.events.probe.ProbeWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The event contracts: docs/events schemas and AsyncAPI agree, and what the outbox emits matches them. */
@QuarkusTest
class EventContractTest {

    /**
     * A real producer's event, to try the mechanics on a schema of docs/events: incubation's division.changed
     * (its contract module, incubation-service/contract, names it; the chassis cannot depend on it).
     */
    private static final EventType DIVISION_CHANGED = new EventType("miaopu.divisions.v1", "io.miaopu.incubation.division.changed.v1");

    private static final List<String> CE_HEADERS = List.of("ce_specversion", "ce_id", "ce_source", "ce_type",
            "ce_subject", "ce_time", "content-type");

    @Inject
    ProbeWriter writer;
    @Inject
    EventSchemas schemas;
    @Inject
    EventsConfig events;

    private static Path docsEvents() {
        return Path.of(System.getProperty("miaopu.project.root", "../..")).resolve("docs/events").toAbsolutePath().normalize();
    }

    @Test
    void everySchemaIsValidAndListedInTheAsyncApiDocument() throws IOException {
        JsonNode asyncApi = new ObjectMapper(new YAMLFactory()).readTree(docsEvents().resolve("asyncapi.yaml").toFile());
        assertTrue(asyncApi.path("asyncapi").asText().startsWith("3."), "AsyncAPI 3");
        Set<String> referenced = new HashSet<>();
        collectRefs(asyncApi, referenced);
        List<Path> schemaFiles;
        try (Stream<Path> files = Files.list(docsEvents())) {
            schemaFiles = files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).toList();
        }
        assertFalse(schemaFiles.isEmpty());
        for (Path file : schemaFiles) {
            String name = file.getFileName().toString();
            String type = name.substring(0, name.length() - ".schema.json".length());
            assertTrue(referenced.contains("./" + name), name + " is listed in asyncapi.yaml");
            assertTrue(schemas.knows(type), type + " is packaged and compiles");
            JsonNode schema = new ObjectMapper().readTree(file.toFile());
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText(), name);
        }
        for (String ref : referenced) {
            if (ref.startsWith("./")) {
                assertTrue(Files.exists(docsEvents().resolve(ref.substring(2))), ref + " exists");
            }
        }
        // Every channel is a topic of the catalogue (the dead-letter channel stands for one per service).
        for (JsonNode channel : iterable(asyncApi.path("channels"))) {
            String address = channel.path("address").asText();
            assertTrue(events.topics().containsKey(address) || address.equals("miaopu.{service}.dlq.v1"), address);
        }
    }

    @Test
    void schemasRejectWhatTheyShouldReject() {
        String type = DIVISION_CHANGED.type();
        schemas.validate(type, "{\"code\":\"511102004\",\"name\":\"大佛街道\",\"level\":\"TOWNSHIP\",\"parentCode\":\"511102\","
                + "\"kind\":\"STREET\",\"active\":true,\"revision\":1}");
        assertThrows(PoisonEventException.class, () -> schemas.validate(type,
                "{\"code\":\"511102004\",\"name\":\"大佛街道\",\"level\":\"STREET\",\"active\":true,\"revision\":1}"));
        assertThrows(PoisonEventException.class, () -> schemas.validate(type,
                "{\"code\":\"511102004\",\"name\":\"大佛街道\",\"level\":\"TOWNSHIP\",\"active\":true,\"revision\":1,\"extra\":1}"));
        PoisonEventException unknown = assertThrows(PoisonEventException.class,
                () -> schemas.validate("io.miaopu.nobody.nothing.happened.v1", "{}"));
        assertEquals(PoisonEventException.Reason.UNKNOWN_TYPE, unknown.reason());
    }

    @Test
    void consumersReadUnknownFieldsOfAKnownVersionWhileProducersStayStrict() throws Throwable {
        String type = DIVISION_CHANGED.type();
        // A field at the top and one in a nested version: a newer producer's record.
        String newer = "{\"code\":\"511102004\",\"name\":\"大佛街道\",\"level\":\"TOWNSHIP\",\"parentCode\":\"511102\","
                + "\"kind\":\"STREET\",\"active\":true,\"revision\":2,\"population\":12000,\"versions\":[{\"effectiveOn\":null,"
                + "\"name\":\"大佛街道\",\"parentCode\":\"511102\",\"kind\":\"STREET\",\"active\":true,\"note\":\"new\"}]}";
        schemas.validateReceived(type, newer);
        assertThrows(PoisonEventException.class, () -> schemas.validate(type, newer), "a producer is held to the schema");
        // What the consumer's version knows is still checked.
        assertThrows(PoisonEventException.class, () -> schemas.validateReceived(type,
                "{\"code\":\"511102004\",\"name\":\"大佛街道\",\"level\":\"STREET\",\"active\":true,\"revision\":1,\"extra\":1}"));
        assertThrows(PoisonEventException.class, () -> schemas.validateReceived(type, "{\"code\":\"511102004\",\"extra\":1}"));
        // The outbox refuses to emit a field the contract lacks.
        String key = TestSupport.runId() + "-strict";
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> writer.raw(Probe.RECORDED, key, java.util.Map.of("key", key, "seq", 1, "extra", true))));
        assertTrue(refused.getMessage().contains("violates its own schema"), refused.getMessage());
        assertEquals(0, TestSupport.count("select count(*) from outbox_event where aggregate_id = ?", key));
        // Every packaged schema compiles in both forms.
        try (Stream<Path> files = Files.list(docsEvents())) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).toList()) {
                String name = file.getFileName().toString();
                String t = name.substring(0, name.length() - ".schema.json".length());
                assertThrows(PoisonEventException.class, () -> schemas.validateReceived(t, "[]"), t);
                assertTrue(new ObjectMapper().readTree(file.toFile()).path("description").asText().contains("Tolerant reader"),
                        name + " says how it is read");
            }
        }
    }

    @Test
    void whatTheOutboxEmitsIsACloudEventMatchingItsSchema() throws Throwable {
        String key = TestSupport.runId() + "-contract";
        VertxContextSupport.subscribeAndAwait(() -> writer.record(key, 1));
        String code = "8" + String.valueOf(System.nanoTime()).substring(0, 8);
        // A division's state as incubation's DivisionState writes it.
        Map<String, Object> division = new LinkedHashMap<>();
        division.put("code", code);
        division.put("name", "契约测试镇");
        division.put("level", "TOWNSHIP");
        division.put("parentCode", "511102");
        division.put("kind", "TOWN");
        division.put("active", true);
        division.put("revision", 1L);
        division.put("effectiveOn", null);
        VertxContextSupport.subscribeAndAwait(() -> writer.raw(DIVISION_CHANGED, code, division));

        List<ConsumerRecord<String, String>> emitted = new ArrayList<>();
        emitted.addAll(TestSupport.read(Probe.TOPIC, r -> key.equals(r.key()), 1, Duration.ofSeconds(30)));
        emitted.addAll(TestSupport.read(DIVISION_CHANGED.topic(), r -> code.equals(r.key()), 1, Duration.ofSeconds(30)));
        assertEquals(2, emitted.size());
        for (ConsumerRecord<String, String> record : emitted) {
            for (String header : CE_HEADERS) {
                assertNotNull(TestSupport.header(record, header), header + " on " + record.topic());
            }
            assertEquals("1.0", TestSupport.header(record, "ce_specversion"));
            assertEquals("application/json", TestSupport.header(record, "content-type"));
            assertEquals(record.key(), TestSupport.header(record, "ce_subject"), "keyed by the aggregate id");
            assertEquals("/miaopu/chassis", TestSupport.header(record, "ce_source"));
            UUID.fromString(TestSupport.header(record, "ce_id"));
            java.time.OffsetDateTime.parse(TestSupport.header(record, "ce_time"));
            assertTrue(TestSupport.header(record, "ce_type").matches("io\\.miaopu\\.[a-z-]+\\.[a-z.-]+\\.v\\d+"));
            schemas.validate(TestSupport.header(record, "ce_type"), record.value());
        }
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if ("$ref".equals(e.getKey())) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        node.elements().forEachRemaining(values::add);
        return values;
    }
}
