package io.miaopu.metrics;

import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.incubation.contract.testing.DivisionFixtures;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** The hierarchy and registry's organization events, as metrics receives them. */
final class MetricsTestSupport {

    /** Leshan's county-level units as incubation seeds them (the tiers of T3–T5 name them). */
    static final List<DivisionState> COUNTIES = List.of(
            new DivisionState("511102", "市中区", "COUNTY", "5111", "DISTRICT", true, 1),
            new DivisionState("511111", "沙湾区", "COUNTY", "5111", "DISTRICT", true, 1),
            new DivisionState("511112", "五通桥区", "COUNTY", "5111", "DISTRICT", true, 1),
            new DivisionState("511113", "金口河区", "COUNTY", "5111", "DISTRICT", true, 1),
            new DivisionState("511123", "犍为县", "COUNTY", "5111", "COUNTY", true, 1),
            new DivisionState("511124", "井研县", "COUNTY", "5111", "COUNTY", true, 1),
            new DivisionState("511126", "夹江县", "COUNTY", "5111", "COUNTY", true, 1),
            new DivisionState("511129", "沐川县", "COUNTY", "5111", "COUNTY", true, 1),
            new DivisionState("511132", "峨边彝族自治县", "COUNTY", "5111", "COUNTY", true, 1),
            new DivisionState("511133", "马边彝族自治县", "COUNTY", "5111", "COUNTY", true, 1),
            new DivisionState("511181", "峨眉山市", "COUNTY", "5111", "COUNTY_CITY", true, 1),
            new DivisionState("5111GX", "乐山高新区", "COUNTY", "5111", "FUNCTIONAL_ZONE", true, 1));

    private MetricsTestSupport() {
    }

    static synchronized void hierarchy() throws Exception {
        DivisionFixtures.sample();
        DivisionFixtures.publish(COUNTIES);
    }

    /** A county of the test's own: townships T0 (street) and T1 (town), each with an urban and a rural community. */
    record County(String code, String urban0, String rural0, String urban1, String rural1) {
    }

    static County privateCounty() throws Exception {
        String county = "9" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        String t0 = county + "001";
        String t1 = county + "101";
        List<DivisionState> states = new ArrayList<>();
        states.add(new DivisionState(county, "测试县" + county, "COUNTY", "5111", "COUNTY", true, 1));
        states.add(new DivisionState(t0, "测试街道", "TOWNSHIP", county, "STREET", true, 1));
        states.add(new DivisionState(t1, "测试镇", "TOWNSHIP", county, "TOWN", true, 1));
        County c = new County(county, t0 + "001", t0 + "201", t1 + "001", t1 + "201");
        states.add(new DivisionState(c.urban0(), "测试社区甲", "VILLAGE", t0, "URBAN_COMMUNITY", true, 1));
        states.add(new DivisionState(c.rural0(), "测试村甲", "VILLAGE", t0, "RURAL_COMMUNITY", true, 1));
        states.add(new DivisionState(c.urban1(), "测试社区乙", "VILLAGE", t1, "URBAN_COMMUNITY", true, 1));
        states.add(new DivisionState(c.rural1(), "测试村乙", "VILLAGE", t1, "RURAL_COMMUNITY", true, 1));
        DivisionFixtures.publish(states);
        return c;
    }

    /** An organization event as registry publishes it; returns the organization id. */
    static UUID organization(KafkaProducer<String, String> producer, UUID id, String type, String community, String category,
                             String registeredOn, String status, long version) throws Exception {
        return organization(producer, null, id, type, community, category, registeredOn, status, version);
    }

    /** The same, into one partition of the topic (null: by the key, as registry does). */
    static UUID organization(KafkaProducer<String, String> producer, Integer partition, UUID id, String type, String community,
                             String category, String registeredOn, String status, long version) throws Exception {
        String data = organizationState(id, community, category, registeredOn, status, version);
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "/miaopu/registry", "io.miaopu.registry.organization." + type + ".v1",
                id.toString(), OffsetDateTime.now(ZoneOffset.UTC), data);
        String namespace = ConfigProvider.getConfig().getValue("miaopu.events.namespace", String.class);
        ProducerRecord<String, String> record = new ProducerRecord<>(namespace + ".registry.v1", partition, id.toString(), data);
        event.kafkaHeaders().forEach(h -> record.headers().add(h));
        producer.send(record).get(10, TimeUnit.SECONDS);
        return id;
    }

    /** A CloudEvent of a service's topic as that service's outbox would publish it. */
    static EventEnvelope event(String service, String fact, String key, String data) {
        return new EventEnvelope(UUID.randomUUID(), "/miaopu/" + service, "io.miaopu." + service + "." + fact + ".v1", key,
                OffsetDateTime.now(ZoneOffset.UTC), data);
    }

    /** Publishes (or publishes again: a redelivery keeps the id) an event on miaopu.&lt;service&gt;.v1, keyed by its subject. */
    static java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> send(KafkaProducer<String, String> producer,
                                                                                             String service, EventEnvelope event) {
        String namespace = ConfigProvider.getConfig().getValue("miaopu.events.namespace", String.class);
        ProducerRecord<String, String> record = new ProducerRecord<>(namespace + "." + service + ".v1", event.subject(), event.data());
        event.kafkaHeaders().forEach(h -> record.headers().add(h));
        return producer.send(record);
    }

    /** Waits until every event was applied (its id is in an inbox). */
    static void awaitApplied(java.util.Collection<UUID> events, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        java.util.List<UUID> ids = new java.util.ArrayList<>(events);
        for (int from = 0; from < ids.size(); from += 1000) {
            java.util.List<UUID> part = ids.subList(from, Math.min(ids.size(), from + 1000));
            String in = String.join(",", part.stream().map(id -> "'" + id + "'").toList());
            while (io.miaopu.chassis.testing.ServiceDatabase.count("select count(distinct event_id) from inbox_event where event_id in ("
                    + in + ")") < part.size()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("events were not applied within " + seconds + " s");
                }
                Thread.sleep(100);
            }
        }
    }

    static String federation(UUID id, String township, String establishedOn, String dissolvedOn, long version) {
        return "{\"id\":\"" + id + "\",\"name\":\"测试联合会\",\"townshipCode\":\"" + township + "\",\"organizationId\":\""
                + UUID.nameUUIDFromBytes(id.toString().getBytes()) + "\",\"establishedOn\":\"" + establishedOn + "\",\"dissolvedOn\":"
                + quoted(dissolvedOn) + ",\"version\":" + version + "}";
    }

    static String demonstration(UUID id, String division, String certifiedOn, String revokedOn, long version) {
        return "{\"id\":\"" + id + "\",\"organizationId\":\"" + UUID.nameUUIDFromBytes(id.toString().getBytes())
                + "\",\"divisionCode\":\"" + division + "\",\"certifiedOn\":\"" + certifiedOn
                + "\",\"certifyingLevel\":\"COUNTY\",\"revokedOn\":" + quoted(revokedOn) + ",\"version\":" + version + "}";
    }

    static String incubator(UUID id, String level, String division, String openedOn, String closedOn, long version) {
        return "{\"id\":\"" + id + "\",\"name\":\"测试孵化基地\",\"level\":\"" + level + "\",\"divisionCode\":\"" + division
                + "\",\"type\":\"INCUBATION_BASE\",\"services\":[\"INCUBATION\"],\"openedOn\":\"" + openedOn + "\",\"closedOn\":"
                + quoted(closedOn) + ",\"version\":" + version + "}";
    }

    /** An attendance (or, with {@code reverses}, its reversal) of one trainee at a session held on a day. */
    static String attendance(UUID id, UUID reverses, UUID session, String heldOn, String traineeDivision, String township) {
        return attendance(id, reverses, session, "5111", heldOn, traineeDivision, township);
    }

    /** The same at a session organized by a division of the test's. */
    static String attendance(UUID id, UUID reverses, UUID session, String organizingDivision, String heldOn, String traineeDivision,
                             String township) {
        return "{\"id\":\"" + id + "\"," + (reverses == null ? "" : "\"reverses\":\"" + reverses + "\",") + "\"sessionId\":\""
                + session + "\",\"organizingDivision\":\"" + organizingDivision + "\",\"format\":\"DEMONSTRATION\",\"heldOn\":\"" + heldOn
                + "\",\"traineeId\":\"" + UUID.randomUUID() + "\",\"traineeRole\":\"ORG_LEADER\",\"traineeDivision\":\""
                + traineeDivision + "\",\"townshipCode\":" + quoted(township) + "}";
    }

    /** An organization's state as registry's events carry it. */
    static String organizationState(UUID id, String community, String category, String registeredOn, String status, long version) {
        return "{\"id\":\"" + id + "\",\"name\":\"测试组织\",\"managementClass\":\"COMMUNITY_GUIDED\",\"category\":\""
                + category + "\",\"communityCode\":\"" + community + "\",\"registeredOn\":\"" + registeredOn + "\",\"status\":\""
                + status + "\",\"hubType\":false,\"charterAdopted\":false,\"serviceAreas\":[],\"version\":" + version + "}";
    }

    /** An event of a service's topic, published and remembered in {@code sent} (to await its application). */
    static void publish(KafkaProducer<String, String> producer, List<UUID> sent, String service, String fact, String key, String data)
            throws Exception {
        EventEnvelope event = event(service, fact, key, data);
        send(producer, service, event).get(10, TimeUnit.SECONDS);
        sent.add(event.id());
    }

    /** An organization event carrying the day its status took effect (statusEffectiveOn), remembered in {@code sent}. */
    static void organization(KafkaProducer<String, String> producer, List<UUID> sent, UUID id, String type, String community,
                             String category, String registeredOn, String status, String statusEffectiveOn, long version)
            throws Exception {
        String data = organizationState(id, community, category, registeredOn, status, version);
        if (statusEffectiveOn != null) {
            data = data.substring(0, data.length() - 1) + ",\"statusEffectiveOn\":\"" + statusEffectiveOn + "\"}";
        }
        publish(producer, sent, "registry", "organization." + type, id.toString(), data);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    static int registryPartitions(KafkaProducer<String, String> producer) {
        String namespace = ConfigProvider.getConfig().getValue("miaopu.events.namespace", String.class);
        return producer.partitionsFor(namespace + ".registry.v1").size();
    }

    static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }
}
