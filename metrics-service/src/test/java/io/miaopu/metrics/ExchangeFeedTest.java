package io.miaopu.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.miaopu.metrics.exchange.ExchangeSnapshots;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The government data-exchange feed: curated records without personal data, in order, resumable from any cursor. */
@QuarkusTest
class ExchangeFeedTest {

    @Inject
    ExchangeSnapshots snapshots;

    @BeforeEach
    void hierarchy() throws Exception {
        MetricsTestSupport.hierarchy();
    }

    @Test
    void organizationChangesReachTheFeedOnceWithoutPersonalDataInOrderOverRestAndKafka() throws Exception {
        UUID id = UUID.randomUUID();
        String community = "511102004001";
        EventEnvelope filed;
        EventEnvelope abnormal;
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            // registry's own event carries internal fields (charterAdopted) the exchange contract does not
            String data = MetricsTestSupport.organizationState(id, community, "FUNCTIONAL_SERVICE", "2024-03-03", "ACTIVE", 1)
                    .replace("\"name\":\"测试组织\"", "\"name\":\"交换测试协会\"");
            filed = MetricsTestSupport.event("registry", "organization.filed", id.toString(), data);
            MetricsTestSupport.send(producer, "registry", filed).get();
            MetricsTestSupport.send(producer, "registry", filed).get(); // a redelivery
            abnormal = MetricsTestSupport.event("registry", "organization.status-changed", id.toString(),
                    MetricsTestSupport.organizationState(id, community, "FUNCTIONAL_SERVICE", "2024-03-03", "ABNORMAL", 2));
            MetricsTestSupport.send(producer, "registry", abnormal).get();
        }
        MetricsTestSupport.awaitApplied(List.of(filed.id(), abnormal.id()), 120);
        assertEquals(2, ServiceDatabase.count("select count(*) from exchange_event where subject = '" + id + "'"));

        // The whole feed, page by page with limit 1 from just before the first record about this organization.
        long first = ServiceDatabase.count("select min(position) from exchange_event where subject = '" + id + "'");
        String cursor = String.valueOf(first - 1);
        List<JsonNode> ours = new ArrayList<>();
        long previous = first - 1;
        for (int page = 0; page < 2_000 && ours.size() < 2; page++) {
            JsonPath body = given().auth().oauth2(Tokens.of("exchange-reader")).queryParam("after", cursor).queryParam("limit", 1)
                    .when().get("/api/v1/exchange/events").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> events = body.getList("events");
            assertEquals(1, events.size());
            long position = Long.parseLong((String) events.get(0).get("position"));
            assertTrue(position > previous, "positions increase");
            assertEquals(String.valueOf(position), body.getString("next"));
            previous = position;
            cursor = body.getString("next");
            JsonNode event = new ObjectMapper().valueToTree(events.get(0));
            if (id.toString().equals(event.path("subject").asText())) {
                ours.add(event);
            }
        }
        assertEquals(2, ours.size());
        JsonNode record = ours.get(0);
        assertEquals("1.0", record.path("specversion").asText());
        assertEquals("io.miaopu.exchange.organization-record.v1", record.path("type").asText());
        assertEquals("交换测试协会", record.path("data").path("name").asText());
        assertEquals("511102", record.path("data").path("countyCode").asText());
        assertEquals("ACTIVE", record.path("data").path("status").asText());
        // exactly the curated fields of the public contract: no person, no internal field
        List<String> fields = new ArrayList<>();
        record.path("data").fieldNames().forEachRemaining(fields::add);
        assertEquals(new java.util.TreeSet<>(List.of("id", "name", "creditCode", "legalForm", "managementClass", "category",
                "subcategory", "communityCode", "countyCode", "registeredOn", "establishedOn", "status", "hubType", "serviceAreas",
                "version")), new java.util.TreeSet<>(fields));
        assertEquals("ABNORMAL", ours.get(1).path("data").path("status").asText());

        // Resuming from any cursor gives the same records in the same order.
        String start = String.valueOf(first - 1);
        List<String> inOnePage = given().auth().oauth2(Tokens.of("province-platform")).queryParam("after", start).queryParam("limit", 1000)
                .when().get("/api/v1/exchange/events").then().statusCode(200).extract().jsonPath().getList("events.id");
        List<String> resumed = new ArrayList<>();
        String at = start;
        while (resumed.size() < inOnePage.size()) {
            JsonPath page = given().auth().oauth2(Tokens.of("province-platform")).queryParam("after", at).queryParam("limit", 3)
                    .when().get("/api/v1/exchange/events").then().statusCode(200).extract().jsonPath();
            resumed.addAll(page.getList("events.id"));
            at = page.getString("next");
        }
        assertEquals(inOnePage, resumed.subList(0, inOnePage.size()));
        // Past the end: nothing newer, and next stays where it was (records keep arriving from other tests' events, so
        // the cursor is set beyond anything this run writes).
        String last = String.valueOf(ServiceDatabase.count("select max(position) from exchange_event") + 1_000_000_000L);
        given().auth().oauth2(Tokens.of("exchange-reader")).queryParam("after", last).when().get("/api/v1/exchange/events").then()
                .statusCode(200).body("events", empty()).body("next", equalTo(last));

        // The same records on gov.exchange.v1, in CloudEvents structured mode.
        List<ConsumerRecord<String, String>> onTopic = topicRecordsFor(id.toString(), 2);
        assertEquals(2, onTopic.size());
        JsonNode structured = new ObjectMapper().readTree(onTopic.get(0).value());
        assertEquals("io.miaopu.exchange.organization-record.v1", structured.path("type").asText());
        assertEquals(record.path("id").asText(), structured.path("id").asText());
        assertEquals("application/cloudevents+json; charset=UTF-8",
                new String(onTopic.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
        assertEquals("ABNORMAL", new ObjectMapper().readTree(onTopic.get(1).value()).path("data").path("status").asText());
    }

    @Test
    void theCursorIsCheckedAndTheFeedIsForTheExchangeAndTheProvinceOnly() {
        given().auth().oauth2(Tokens.of("exchange-reader")).queryParam("after", "abc").when().get("/api/v1/exchange/events").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", contains("after"));
        given().auth().oauth2(Tokens.of("exchange-reader")).queryParam("after", -1).when().get("/api/v1/exchange/events").then()
                .statusCode(400).body("errors.field", contains("after"));
        given().auth().oauth2(Tokens.of("exchange-reader")).queryParam("limit", 0).when().get("/api/v1/exchange/events").then()
                .statusCode(400).body("errors.field", contains("limit"));
        given().auth().oauth2(Tokens.of("exchange-reader")).queryParam("limit", 1001).when().get("/api/v1/exchange/events").then()
                .statusCode(400);
        given().auth().oauth2(Tokens.of("city-admin")).when().get("/api/v1/exchange/events").then().statusCode(403);
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/exchange/events").then().statusCode(403);
        given().when().get("/api/v1/exchange/events").then().statusCode(401);
    }

    @Test
    void oneProgressSnapshotADay() throws Exception {
        snapshots.daily().await().atMost(Duration.ofSeconds(30));
        snapshots.daily().await().atMost(Duration.ofSeconds(30));
        String today = io.miaopu.metrics.service.ProgressService.today().toString();
        assertEquals(1, ServiceDatabase.count("select count(*) from exchange_event where subject = 'progress-" + today + "'"));
        JsonPath snapshot = given().auth().oauth2(Tokens.of("exchange-reader"))
                .queryParam("after", ServiceDatabase.count("select position from exchange_event where subject = 'progress-" + today + "'") - 1)
                .queryParam("limit", 1).when().get("/api/v1/exchange/events").then().statusCode(200).extract().jsonPath();
        assertEquals("io.miaopu.exchange.progress-snapshot.v1", snapshot.getString("events[0].type"));
        assertEquals("5111", snapshot.getString("events[0].data.division"));
        // The plan measured is named; a plan whose years have ended is measured at its last year, never a later one.
        assertEquals("leshan-2021-2025", snapshot.getString("events[0].data.plan"));
        assertEquals(Math.min(2025, io.miaopu.metrics.service.ProgressService.thisYear()), snapshot.getInt("events[0].data.year"));
        assertEquals(13, snapshot.getList("events[0].data.targets").size());
    }

    private static List<ConsumerRecord<String, String>> topicRecordsFor(String key, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        String topic = ConfigProvider.getConfig().getValue("miaopu.events.namespace", String.class) + ".gov.exchange.v1";
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
