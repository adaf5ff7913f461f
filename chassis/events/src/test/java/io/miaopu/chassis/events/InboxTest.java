package io.miaopu.chassis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.events.probe.Probe;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The inbox against records put on the real topic by hand: duplicates and poison. */
@QuarkusTest
class InboxTest {

    @Test
    void aMessageDeliveredTwiceHasOneEffect() throws Exception {
        String key = TestSupport.runId() + "-twice";
        EventEnvelope event = probe(key, 1);
        send(record(event));
        send(record(event));
        EventEnvelope marker = probe(key, 2);
        send(record(marker));
        // Same key, same partition, applied in order: once the marker is applied, both copies were seen.
        TestSupport.await("the marker's effect", Duration.ofSeconds(30),
                () -> TestSupport.count("select count(*) from probe_effect where event_id = ?", marker.id()) == 1);
        assertEquals(1, TestSupport.count("select count(*) from probe_effect where event_id = ?", event.id()));
        assertEquals(1, TestSupport.count("select count(*) from inbox_event where consumer = 'probe' and event_id = ?",
                event.id()));
    }

    @Test
    void anEventWithAFieldItsConsumerDoesNotKnowIsAppliedNotDeadLettered() throws Exception {
        String key = TestSupport.runId() + "-newer";
        // A newer producer's probe: a field the consumer's schema does not list.
        EventEnvelope newer = new EventEnvelope(UUID.randomUUID(), "/miaopu/test", Probe.RECORDED.type(), key,
                OffsetDateTime.now(ZoneOffset.UTC), "{\"key\":\"" + key + "\",\"seq\":1,\"addedLater\":{\"any\":[1,2]}}");
        send(record(newer));
        TestSupport.await("the newer event's effect", Duration.ofSeconds(30),
                () -> TestSupport.count("select count(*) from probe_effect where event_id = ?", newer.id()) == 1);
        TestSupport.await("the batch consumer's effect", Duration.ofSeconds(30),
                () -> TestSupport.count("select count(*) from probe_batch_effect where event_id = ?", newer.id()) == 1);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndConsumptionContinues() throws Exception {
        String key = TestSupport.runId() + "-poison";
        ProducerRecord<String, String> unparseable = new ProducerRecord<>(TestSupport.topic(Probe.TOPIC), key, "{not json");
        probeHeaders(UUID.randomUUID(), key, "io.miaopu.chassis.probe.recorded.v1")
                .forEach((n, v) -> unparseable.headers().add(new RecordHeader(n, v.getBytes(StandardCharsets.UTF_8))));
        EventEnvelope unknownType = new EventEnvelope(UUID.randomUUID(), "/miaopu/test", "io.miaopu.chassis.nobody.knows.v1",
                key, OffsetDateTime.now(ZoneOffset.UTC), "{\"key\":\"" + key + "\",\"seq\":1}");
        EventEnvelope schemaInvalid = new EventEnvelope(UUID.randomUUID(), "/miaopu/test", Probe.RECORDED.type(),
                key, OffsetDateTime.now(ZoneOffset.UTC), "{\"key\":\"" + key + "\",\"seq\":\"one\"}");
        ProducerRecord<String, String> noEnvelope = new ProducerRecord<>(TestSupport.topic(Probe.TOPIC), key, "{\"key\":\"" + key + "\",\"seq\":1}");
        send(unparseable);
        send(record(unknownType));
        send(record(schemaInvalid));
        send(noEnvelope);
        EventEnvelope good = probe(key, 1);
        send(record(good));

        TestSupport.await("the good message after the poison", Duration.ofSeconds(30),
                () -> TestSupport.count("select count(*) from probe_effect where event_id = ?", good.id()) == 1);
        List<ConsumerRecord<String, String>> dead = TestSupport.read(Probe.DEAD_LETTERS, r -> key.equals(r.key()), 4,
                Duration.ofSeconds(30));
        assertEquals(4, dead.size(), "four poison messages on the dead-letter topic");
        List<String> reasons = dead.stream().map(r -> TestSupport.header(r, "dead-letter-reason")).toList();
        assertTrue(reasons.get(0).startsWith("unparseable"), reasons.get(0));
        assertTrue(reasons.get(1).startsWith("unknown-type"), reasons.get(1));
        assertTrue(reasons.get(2).startsWith("schema-invalid"), reasons.get(2));
        assertTrue(reasons.get(3).startsWith("unparseable"), reasons.get(3));
        assertEquals(TestSupport.topic(Probe.TOPIC), TestSupport.header(dead.get(0), "dead-letter-topic"));
        assertEquals(0, TestSupport.count("select count(*) from probe_effect where key = ? and event_id <> ?", key, good.id()),
                "poison has no effect");
        // Each kept as a dead letter of the consumer, naming what could be read of it.
        TestSupport.await("four dead letters kept", Duration.ofSeconds(15), () -> TestSupport.count(
                "select count(*) from dead_letter where consumer = 'probe' and record_key = ?", key) == 4);
        assertEquals(List.of(List.of("unknown-type")), TestSupport.query("select split_part(reason, ':', 1) from dead_letter "
                + "where consumer = 'probe' and event_id = ?", unknownType.id()));
    }

    @Test
    void aBatchConsumerAppliesEachEventOnceInOrderAndSendsOnlyThePoisonToItsDeadLetters() throws Exception {
        String key = TestSupport.runId() + "-batch";
        EventEnvelope first = probe(key, 1);
        EventEnvelope second = probe(key, 2);
        EventEnvelope third = probe(key, 3);
        ProducerRecord<String, String> unparseable = new ProducerRecord<>(TestSupport.topic(Probe.TOPIC), key, "{not json");
        probeHeaders(UUID.randomUUID(), key, "io.miaopu.chassis.probe.recorded.v1")
                .forEach((n, v) -> unparseable.headers().add(new RecordHeader(n, v.getBytes(StandardCharsets.UTF_8))));
        // Fine on the wire, refused by the consumer when applied: the batch is applied again event by event.
        EventEnvelope refused = new EventEnvelope(UUID.randomUUID(), "/miaopu/test", Probe.RECORDED.type(), key,
                OffsetDateTime.now(ZoneOffset.UTC), "{\"key\":\"" + key + "!\",\"seq\":9}");
        // One producer, one flush: the records reach the consumer together, as one batch or few.
        sendAll(List.of(record(first), record(first), unparseable, record(second), record(refused), record(third)));

        TestSupport.await("the last event applied by the batch consumer", Duration.ofSeconds(30),
                () -> TestSupport.count("select count(*) from probe_batch_effect where event_id = ?", third.id()) == 1);
        assertEquals(List.of(1L, 2L, 3L), TestSupport.longs("select seq from probe_batch_effect where key = ? order by received", key),
                "each event applied once, in the order sent; the duplicate and the poison changed nothing");
        List<ConsumerRecord<String, String>> dead = TestSupport.read(Probe.BATCH_DEAD_LETTERS, r -> key.equals(r.key()), 2,
                Duration.ofSeconds(30));
        assertEquals(2, dead.size(), "only the two poison records on the batch consumer's dead-letter topic");
        assertEquals(java.util.Set.of("{not json", refused.data()),
                dead.stream().map(ConsumerRecord::value).collect(java.util.stream.Collectors.toSet()));
        dead.forEach(r -> assertTrue(TestSupport.header(r, "dead-letter-reason").startsWith("unparseable"),
                TestSupport.header(r, "dead-letter-reason")));
        assertEquals(0, TestSupport.count("select count(*) from probe_batch_effect where key = ?", key + "!"));
    }

    private static EventEnvelope probe(String key, int seq) {
        return new EventEnvelope(UUID.randomUUID(), "/miaopu/test", Probe.RECORDED.type(), key,
                OffsetDateTime.now(ZoneOffset.UTC), "{\"key\":\"" + key + "\",\"seq\":" + seq + "}");
    }

    private static Map<String, String> probeHeaders(UUID id, String key, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", id.toString(), "ce_source", "/miaopu/test", "ce_type", type,
                "ce_subject", key, "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString(), "content-type", "application/json");
    }

    private static ProducerRecord<String, String> record(EventEnvelope event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TestSupport.topic(Probe.TOPIC), event.subject(), event.data());
        event.kafkaHeaders().forEach(h -> record.headers().add(h));
        return record;
    }

    private static void send(ProducerRecord<String, String> record) throws Exception {
        sendAll(List.of(record));
    }

    private static void sendAll(List<ProducerRecord<String, String>> records) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            for (java.util.concurrent.Future<?> future : sent) {
                future.get(10, TimeUnit.SECONDS);
            }
        }
    }
}
