package io.miaopu.incubation.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.TestSupport;
import io.miaopu.incubation.contract.DivisionState.Version;
import io.miaopu.registry.contract.replica.OrganizationReplica;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Replicas converge on the newest state whatever is replayed (issue 19): the restart a month later
 * that replays the compacted topic after the inbox purged the seed record's claim but kept the newer
 * change's must not move a township back to its old county.
 */
@QuarkusTest
class ReplicaConvergenceTest {

    private static final String COLUMNS = "parent_code, revision, name";

    @Inject
    DivisionWriter writer;
    @Inject
    ObjectMapper json;

    @Test
    void anOldDivisionRecordReplayedAfterTheNewOneNeverRollsTheReplicaBack() throws Throwable {
        String prefix = String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        String oldCounty = "97" + prefix.substring(1);
        String newCounty = "96" + prefix.substring(1);
        String township = oldCounty + "001";
        LocalDate moved = LocalDate.of(2026, 1, 1);
        for (DivisionState state : List.of(
                new DivisionState(oldCounty, "旧县", "COUNTY", "5111", "COUNTY", true, 1),
                new DivisionState(newCounty, "新县", "COUNTY", "5111", "COUNTY", true, 1),
                new DivisionState(township, "划转镇", "TOWNSHIP", oldCounty, "TOWN", true, 1),
                new DivisionState(township, "划转镇", "TOWNSHIP", newCounty, "TOWN", true, 2, moved, List.of(
                        new Version(null, "划转镇", oldCounty, "TOWN", true), new Version(moved, "划转镇", newCounty, "TOWN", true))))) {
            VertxContextSupport.subscribeAndAwait(() -> writer.division(state));
        }
        TestSupport.await("the township under its new county", Duration.ofSeconds(60), () -> TestSupport.count(
                "select count(*) from division_replica where code = ? and parent_code = ? and revision = 2", township, newCounty) == 1);
        List<List<Object>> newest = TestSupport.query("select " + COLUMNS + " from division_replica where code = ?", township);
        List<List<Object>> newestVersions = versions(township);
        assertEquals(2, newestVersions.size());

        // The township's two records as they are on the topic, to be replayed verbatim.
        List<ConsumerRecord<String, String>> records = TestSupport.read(DivisionEvents.TOPIC, r -> township.equals(r.key()), 2,
                Duration.ofSeconds(30));
        assertEquals(2, records.size());
        ConsumerRecord<String, String> seed = records.get(0);
        ConsumerRecord<String, String> move = records.get(1);
        UUID seedId = UUID.fromString(TestSupport.header(seed, "ce_id"));
        UUID moveId = UUID.fromString(TestSupport.header(move, "ce_id"));

        // A restart a month later: the seed's claim purged, the move's kept; the topic replayed from the start.
        claim(moveId);
        TestSupport.query("delete from inbox_event where consumer = 'divisions' and event_id = ? returning 1", seedId);
        replay(township, List.of(seed, move));
        assertEquals(newest, TestSupport.query("select " + COLUMNS + " from division_replica where code = ?", township),
                "the old record does not win over the new one the inbox remembered");
        assertEquals(newestVersions, versions(township));

        // With both claims kept, the old record alone after the new one.
        claim(seedId);
        replay(township, List.of(seed));
        assertEquals(newest, TestSupport.query("select " + COLUMNS + " from division_replica where code = ?", township));

        // After a purge of the inbox (no claims at all): the new one, then the old one twice.
        TestSupport.query("delete from inbox_event where consumer = 'divisions' returning 1");
        replay(township, List.of(move, seed, seed));
        assertEquals(newest, TestSupport.query("select " + COLUMNS + " from division_replica where code = ?", township),
                "the replica keeps the newest state in any order and repetition");
        assertEquals(newestVersions, versions(township), "and its dated versions");
    }

    @Test
    void anOlderOrganizationVersionNeverOverwritesANewerOne() throws Throwable {
        OrganizationReplica replica = new OrganizationReplica(json);
        UUID id = UUID.randomUUID();
        EventEnvelope v1 = organization(id, "registered", "初名", "ACTIVE", 1);
        EventEnvelope v2 = organization(id, "updated", "更名", "ACTIVE", 2);
        EventEnvelope v3 = organization(id, "status-changed", "更名", "DEREGISTERED", 3);
        apply(replica, List.of(v1));
        apply(replica, List.of(v3));
        apply(replica, List.of(v2));
        apply(replica, List.of(v1, v2));
        assertEquals(List.of(List.of("更名", "DEREGISTERED", 3L)),
                TestSupport.query("select name, status, version from organization_replica where id = ?", id));
        // One batch, in any order: the highest version wins.
        UUID other = UUID.randomUUID();
        apply(replica, List.of(organization(other, "updated", "新", "ACTIVE", 5), organization(other, "registered", "旧", "ACTIVE", 1)));
        assertEquals(List.of(List.of("新", 5L)), TestSupport.query("select name, version from organization_replica where id = ?", other));
    }

    private void apply(OrganizationReplica replica, List<EventEnvelope> events) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> replica.applyAll(events)));
    }

    private EventEnvelope organization(UUID id, String fact, String name, String status, long version) throws Exception {
        String data = json.writeValueAsString(Map.of("id", id.toString(), "name", name, "communityCode", "511102004001",
                "status", status, "version", version));
        return new EventEnvelope(UUID.randomUUID(), "/miaopu/registry", "io.miaopu.registry.organization." + fact + ".v1",
                id.toString(), OffsetDateTime.now(ZoneOffset.UTC), data);
    }

    private static void claim(UUID eventId) {
        TestSupport.query("insert into inbox_event (consumer, event_id) values ('divisions', ?) on conflict do nothing returning 1",
                eventId);
    }

    private static List<List<Object>> versions(String code) {
        return TestSupport.query("select seq, effective_on, name, level, parent_code, kind, active from division_replica_version "
                + "where code = ? order by seq", code);
    }

    /**
     * Puts the records again on their partition, verbatim, then a marker division on the same partition:
     * once the replica holds the marker, it has read the replayed records (one partition is read in order).
     */
    private void replay(String township, List<ConsumerRecord<String, String>> records) throws Exception {
        int partition = records.get(0).partition();
        String marker = township + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "/miaopu/incubation", DivisionEvents.CHANGED.type(), marker,
                OffsetDateTime.now(ZoneOffset.UTC), json.writeValueAsString(
                        new DivisionState(marker, "标记村" + UUID.randomUUID().toString().substring(0, 6), "VILLAGE", township,
                                "RURAL_COMMUNITY", true, 1)));
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            ProducerRecord<String, String> copy = new ProducerRecord<>(r.topic(), partition, r.key(), r.value());
            r.headers().forEach(h -> copy.headers().add(h));
            out.add(copy);
        }
        ProducerRecord<String, String> markerRecord = new ProducerRecord<>(records.get(0).topic(), partition, marker, event.data());
        event.kafkaHeaders().forEach(h -> markerRecord.headers().add(h));
        out.add(markerRecord);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (ProducerRecord<String, String> record : out) {
                producer.send(record).get(10, TimeUnit.SECONDS);
            }
        }
        String name = new ObjectMapper().readTree(event.data()).path("name").asText();
        TestSupport.await("the marker after the replayed records", Duration.ofSeconds(60), () -> TestSupport.count(
                "select count(*) from division_replica where code = ? and name = ?", marker, name) == 1);
    }
}
