package io.miaopu.chassis.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.events.probe.Probe;
import io.miaopu.chassis.events.probe.ProbeConsumer;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A dead letter is seen (kept, logged, counted in metrics and health data, listed) and recoverable: once
 * its cause is fixed a replay applies it exactly once, and a replay of an applied one changes nothing.
 */
@QuarkusTest
class DeadLetterTest {

    private static final String BASE = "/api/v1/chassis/admin/dead-letters";

    @Test
    void aRefusedEventIsKeptCountedListedAndReplayedOnceItsCauseIsFixed() throws Exception {
        String key = TestSupport.runId() + "-refused!";
        // Fine on the wire; both probe consumers refuse it when applying it (their rule about "!").
        EventEnvelope refused = new EventEnvelope(UUID.randomUUID(), "/miaopu/test", Probe.RECORDED.type(), key,
                OffsetDateTime.now(ZoneOffset.UTC), "{\"key\":\"" + key + "\",\"seq\":1}");
        send(refused);
        TestSupport.await("a dead letter for each consumer", Duration.ofSeconds(30), () -> TestSupport.count(
                "select count(*) from dead_letter where event_id = ? and consumer in ('probe', 'probe-batch')", refused.id()) == 2);
        List<Object> row = TestSupport.query("select type, subject, reason, topic from dead_letter where event_id = ? "
                + "and consumer = 'probe'", refused.id()).get(0);
        assertEquals(Probe.RECORDED.type(), row.get(0));
        assertEquals(key, row.get(1));
        assertTrue(((String) row.get(2)).contains("the probe refuses"), (String) row.get(2));
        assertEquals(TestSupport.topic(Probe.TOPIC), row.get(3));
        assertEquals(0, TestSupport.count("select count(*) from probe_effect where event_id = ?", refused.id()));
        long id = ((Number) TestSupport.query("select id from dead_letter where event_id = ? and consumer = 'probe'",
                refused.id()).get(0).get(0)).longValue();
        long batchId = ((Number) TestSupport.query("select id from dead_letter where event_id = ? and consumer = 'probe-batch'",
                refused.id()).get(0).get(0)).longValue();

        // Counted per consumer in metrics and in the health data (never readiness).
        TestSupport.await("the open count in the health data", Duration.ofSeconds(15), () -> given().when().get("/q/health/well")
                .then().extract().jsonPath().getLong("checks.find { it.name == 'Dead letters' }.data['open.probe']") >= 1);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("miaopu_inbox_dead_letters_total{consumer=\"probe\""), "a counter per consumer");
        assertTrue(metrics.contains("miaopu_inbox_dead_letters_open{consumer=\"probe-batch\""), "an open gauge per consumer");
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        // Listed for the city administrator only.
        String admin = Tokens.user("city-admin");
        given().auth().oauth2(admin).queryParam("consumer", "probe").when().get(BASE).then()
                .statusCode(200)
                .body("eventId", hasItem(refused.id().toString()))
                .body("find { it.id == " + id + " }.subject", equalTo(key))
                .body("find { it.id == " + id + " }.reason", containsString("the probe refuses"));
        given().auth().oauth2(Tokens.user("clerk-dafo")).when().get(BASE).then().statusCode(403);
        given().auth().oauth2(admin).when().get("/api/v1/registry/admin/dead-letters").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).queryParam("limit", "0").when().get(BASE).then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));

        try {
            // Still refused: a 422 naming the reason, and the attempt counted.
            given().auth().oauth2(admin).when().post(BASE + "/" + id + "/replay").then()
                    .statusCode(422).contentType("application/problem+json")
                    .body("detail", containsString("the probe refuses"));
            assertEquals(1, TestSupport.count("select attempts from dead_letter where id = ?", id));

            // The cause fixed: the replay applies it, once.
            ProbeConsumer.REFUSE_BANG.set(false);
            given().auth().oauth2(admin).when().post(BASE + "/" + id + "/replay").then()
                    .statusCode(200)
                    .body("outcome", equalTo("APPLIED"))
                    .body("replayedBy", equalTo("city-admin"));
            assertEquals(1, TestSupport.count("select count(*) from probe_effect where event_id = ?", refused.id()));
            // Replayed again: nothing changes.
            given().auth().oauth2(admin).when().post(BASE + "/" + id + "/replay").then()
                    .statusCode(200).body("outcome", equalTo("APPLIED"));
            assertEquals(1, TestSupport.count("select count(*) from probe_effect where event_id = ?", refused.id()));
            given().auth().oauth2(admin).queryParam("consumer", "probe").when().get(BASE).then()
                    .statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem((int) id)));

            // The other consumer had applied the event meanwhile (its claim): the replay is a no-op.
            TestSupport.query("insert into inbox_event (consumer, event_id) values ('probe-batch', ?) returning 1", refused.id());
            given().auth().oauth2(admin).when().post(BASE + "/" + batchId + "/replay").then()
                    .statusCode(200).body("outcome", equalTo("ALREADY_APPLIED"));
            assertEquals(0, TestSupport.count("select count(*) from probe_batch_effect where event_id = ?", refused.id()));
        } finally {
            ProbeConsumer.REFUSE_BANG.set(true);
        }
        given().auth().oauth2(admin).when().post(BASE + "/999999999/replay").then().statusCode(404);
    }

    private static void send(EventEnvelope event) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(TestSupport.topic(Probe.TOPIC), event.subject(), event.data());
            event.kafkaHeaders().forEach(h -> record.headers().add(h));
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }
}
