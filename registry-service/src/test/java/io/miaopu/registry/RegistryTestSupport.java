package io.miaopu.registry;

import io.miaopu.chassis.testing.ServiceDatabase;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.divisions.DivisionState;
import io.miaopu.chassis.testing.Tokens;
import io.miaopu.registry.domain.Classification.LegalForm;
import io.miaopu.registry.domain.CreditCode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test helpers. The division hierarchy reaches registry only as incubation's events on the
 * divisions topic; the tests announce the part they use (real Leshan codes, as incubation seeds
 * them, plus one retired community) and wait for the replica to hold it.
 */
final class RegistryTestSupport {

    static final String BASE = "/api/v1/organizations";
    /** 大佛街道 (clerk-dafo) and two of its communities; 通江街道 (clerk-tongjiang); 青衣街道 in 夹江县. */
    static final String DAFO = "511102004";
    static final String DAFO_URBAN = "511102004001";
    static final String DAFO_URBAN_2 = "511102004002";
    static final String DAFO_RURAL = "511102004201";
    static final String TONGJIANG = "511102006";
    static final String TONGJIANG_COMMUNITY = "511102006001";
    static final String QINGYI = "511126001";
    static final String QINGYI_COMMUNITY = "511126001001";
    /** A community code retired in the replica (not a real community). */
    static final String RETIRED_COMMUNITY = "511102004399";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String[]> TOKENS = new ConcurrentHashMap<>();
    private static volatile boolean divisionsReady;

    private RegistryTestSupport() {
    }

    /** A user's or machine client's token, reused for a minute. */
    static String token(String who) {
        String[] cached = TOKENS.get(who);
        long now = System.currentTimeMillis();
        if (cached != null && now - Long.parseLong(cached[1]) < 60_000) {
            return cached[0];
        }
        String token = who.equals("province-platform") || who.equals("exchange-reader") ? Tokens.client(who) : Tokens.user(who);
        TOKENS.put(who, new String[] {token, String.valueOf(now)});
        return token;
    }

    static synchronized void divisions() throws Exception {
        if (divisionsReady) {
            return;
        }
        List<DivisionState> states = new ArrayList<>();
        states.add(new DivisionState("51", "四川省", "PROVINCE", null, null, true, 1));
        states.add(new DivisionState("5111", "乐山市", "CITY", "51", null, true, 1));
        states.add(new DivisionState("511102", "市中区", "COUNTY", "5111", "DISTRICT", true, 1));
        states.add(new DivisionState("511126", "夹江县", "COUNTY", "5111", "COUNTY", true, 1));
        states.add(new DivisionState(DAFO, "大佛街道", "TOWNSHIP", "511102", "STREET", true, 1));
        states.add(new DivisionState(TONGJIANG, "通江街道", "TOWNSHIP", "511102", "STREET", true, 1));
        states.add(new DivisionState(QINGYI, "青衣街道", "TOWNSHIP", "511126", "STREET", true, 1));
        states.add(new DivisionState(DAFO_URBAN, "篦子街社区居委会", "VILLAGE", DAFO, "URBAN_COMMUNITY", true, 1));
        states.add(new DivisionState(DAFO_URBAN_2, "碧山路社区居委会", "VILLAGE", DAFO, "URBAN_COMMUNITY", true, 1));
        states.add(new DivisionState(DAFO_RURAL, "任家坝村委会", "VILLAGE", DAFO, "RURAL_COMMUNITY", true, 1));
        states.add(new DivisionState(TONGJIANG_COMMUNITY, "通江社区居委会", "VILLAGE", TONGJIANG, "URBAN_COMMUNITY", true, 1));
        states.add(new DivisionState(QINGYI_COMMUNITY, "在古社区居委会", "VILLAGE", QINGYI, "URBAN_COMMUNITY", true, 1));
        states.add(new DivisionState(RETIRED_COMMUNITY, "已撤销测试村", "VILLAGE", DAFO, "RURAL_COMMUNITY", false, 2));
        String namespace = ConfigProvider.getConfig().getValue("miaopu.events.namespace", String.class);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (DivisionState state : states) {
                String data = JSON.writeValueAsString(state);
                EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "/miaopu/incubation",
                        "io.miaopu.incubation.division.changed.v1", state.code(), OffsetDateTime.now(ZoneOffset.UTC), data);
                ProducerRecord<String, String> record = new ProducerRecord<>(namespace + ".divisions.v1", state.code(), data);
                event.kafkaHeaders().forEach(h -> record.headers().add(h));
                producer.send(record).get(10, TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ServiceDatabase.count("select count(*) from division_replica where code = '" + RETIRED_COMMUNITY + "' and not active") == 0
                || ServiceDatabase.count("select count(*) from division_replica where code = '" + QINGYI_COMMUNITY + "'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the division replica did not receive the test hierarchy");
            }
            Thread.sleep(50);
        }
        divisionsReady = true;
    }

    /** A valid credit code for the legal form, different every call. */
    static String creditCode(LegalForm form) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder code = new StringBuilder("5").append(form.creditCodeType());
        for (int i = 0; i < 15; i++) {
            code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return code.append(CreditCode.checkCharacter(code.toString())).toString();
    }

    /** A unique name: the prefix and a short random tag. */
    static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A registered social group in a community. */
    static Map<String, Object> registered(String name, String community) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("creditCode", creditCode(LegalForm.SOCIAL_GROUP));
        body.put("legalForm", "SOCIAL_GROUP");
        body.put("managementClass", "REGISTERED");
        body.put("category", "FUNCTIONAL_SERVICE");
        body.put("subcategory", "LIFE_SERVICE");
        body.put("serviceAreas", List.of("ELDERLY_CARE", "HEALTH_CARE"));
        body.put("communityCode", community);
        body.put("registeredOn", "2023-04-12");
        body.put("establishedOn", "2023-03-01");
        body.put("leader", Map.of("name", "王秀英", "phone", "13800001234"));
        body.put("memberCount", 25);
        body.put("hubType", false);
        body.put("charterAdopted", true);
        return body;
    }

    /** A community-guided interest group, filed (备案) without a credit code. */
    static Map<String, Object> filed(String name, String community) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("managementClass", "COMMUNITY_GUIDED");
        body.put("category", "INTEREST_VOLUNTEER");
        body.put("subcategory", "CULTURE_SPORTS");
        body.put("serviceAreas", List.of("SONG_DANCE"));
        body.put("communityCode", community);
        body.put("registeredOn", "2022-09-01");
        body.put("leader", Map.of("name", "李桂兰", "phone", "0833-2123456"));
        return body;
    }





    /** Rows of the tables a refused write must leave untouched. */
    static String footprint() throws Exception {
        return ServiceDatabase.single("select (select count(*) from organization) || '/' || (select count(*) from organization_change) || '/' "
                + "|| (select count(*) from outbox_event) || '/' || (select count(*) from idempotency_key) || '/' "
                + "|| (select coalesce(sum(version), 0) from organization)");
    }
}
