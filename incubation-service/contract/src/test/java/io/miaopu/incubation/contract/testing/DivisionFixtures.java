package io.miaopu.incubation.contract.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.incubation.contract.DivisionState;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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

/**
 * The division hierarchy reaches registry, training and metrics only as incubation's events on the
 * divisions topic. A service's tests announce the part they use, as incubation seeds it (real Leshan
 * codes and names), and wait until the service's replica holds it.
 */
public final class DivisionFixtures {

    public static final String DAFO = "511102004";
    public static final String DAFO_URBAN = "511102004001";
    public static final String DAFO_URBAN_2 = "511102004002";
    public static final String DAFO_RURAL = "511102004201";
    public static final String TONGJIANG = "511102006";
    public static final String TONGJIANG_COMMUNITY = "511102006001";
    public static final String QINGYI = "511126001";
    public static final String QINGYI_COMMUNITY = "511126001001";
    /** A community code retired in the replica (not a real community). */
    public static final String RETIRED_COMMUNITY = "511102004399";

    /** 四川省 › 乐山市 › 市中区 (大佛街道, 通江街道) and 夹江县 (青衣街道), some of their communities, one retired community. */
    public static final List<DivisionState> SAMPLE = List.of(
            new DivisionState("51", "四川省", "PROVINCE", null, null, true, 1),
            new DivisionState("5111", "乐山市", "CITY", "51", null, true, 1),
            new DivisionState("511102", "市中区", "COUNTY", "5111", "DISTRICT", true, 1),
            new DivisionState("511126", "夹江县", "COUNTY", "5111", "COUNTY", true, 1),
            new DivisionState(DAFO, "大佛街道", "TOWNSHIP", "511102", "STREET", true, 1),
            new DivisionState(TONGJIANG, "通江街道", "TOWNSHIP", "511102", "STREET", true, 1),
            new DivisionState(QINGYI, "青衣街道", "TOWNSHIP", "511126", "STREET", true, 1),
            new DivisionState(DAFO_URBAN, "篦子街社区居委会", "VILLAGE", DAFO, "URBAN_COMMUNITY", true, 1),
            new DivisionState(DAFO_URBAN_2, "碧山路社区居委会", "VILLAGE", DAFO, "URBAN_COMMUNITY", true, 1),
            new DivisionState(DAFO_RURAL, "任家坝村委会", "VILLAGE", DAFO, "RURAL_COMMUNITY", true, 1),
            new DivisionState(TONGJIANG_COMMUNITY, "通江社区居委会", "VILLAGE", TONGJIANG, "URBAN_COMMUNITY", true, 1),
            new DivisionState(QINGYI_COMMUNITY, "在古社区居委会", "VILLAGE", QINGYI, "URBAN_COMMUNITY", true, 1),
            new DivisionState(RETIRED_COMMUNITY, "已撤销测试村", "VILLAGE", DAFO, "RURAL_COMMUNITY", false, 2));

    /** Dates (effectiveOn, versions) as ISO strings, as incubation publishes them. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static volatile boolean sampleReady;
    /**
     * Added to every revision published: the replicas keep the highest revision of a division, and the test
     * topic outlives every test database (incubation's tests rename real divisions at revision 2, earlier runs
     * published these fixtures too), so each run's fixtures outrank what earlier runs left on the topic.
     */
    private static final long RUN_REVISION = System.currentTimeMillis() * 100;

    private DivisionFixtures() {
    }

    /** Publishes {@link #SAMPLE} once per test run and waits until this service's replica holds all of it. */
    public static synchronized void sample() throws Exception {
        if (!sampleReady) {
            publish(SAMPLE);
            sampleReady = true;
        }
    }

    /**
     * Publishes the states (as incubation would, their revisions raised above any earlier run's) and waits until
     * the replica holds each of them.
     */
    public static void publish(List<DivisionState> states) throws Exception {
        var config = ConfigProvider.getConfig();
        String namespace = config.getValue("miaopu.events.namespace", String.class);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (DivisionState announced : states) {
                DivisionState state = new DivisionState(announced.code(), announced.name(), announced.level(),
                        announced.parentCode(), announced.kind(), announced.active(), RUN_REVISION + announced.revision(),
                        announced.effectiveOn(), announced.versions());
                String data = json(state);
                EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "/miaopu/incubation",
                        "io.miaopu.incubation.division.changed.v1", state.code(), OffsetDateTime.now(ZoneOffset.UTC), data);
                ProducerRecord<String, String> record = new ProducerRecord<>(namespace + ".divisions.v1", state.code(), data);
                event.kafkaHeaders().forEach(h -> record.headers().add(h));
                producer.send(record).get(10, TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!replicaHolds(states)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the division replica did not receive the test hierarchy");
            }
            Thread.sleep(50);
        }
    }

    private static boolean replicaHolds(List<DivisionState> states) throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            for (DivisionState state : states) {
                try (var statement = db.prepareStatement(
                        "select count(*) from division_replica where code = ? and active = ? and name = ?")) {
                    statement.setString(1, state.code());
                    statement.setBoolean(2, state.active());
                    statement.setString(3, state.name());
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
    }

    private static String json(DivisionState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
