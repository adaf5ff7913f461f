package io.miaopu.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Projections equal a recount from the events: a randomized stream of 10,000 events (registrations,
 * corrections that move organizations, status changes, deregistrations, redeliveries, federations,
 * demonstrations, incubators, attendances and their reversals) is applied incrementally; an admin
 * rebuild then replays the topics from the beginning into fresh projections and swaps them in. Both
 * equal the recount the test makes from what it sent.
 */
@QuarkusTest
class ProjectionRebuildTest {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuildTest.class);
    private static final String[] STATUSES = {"ACTIVE", "ABNORMAL", "SUSPENDED", "DEREGISTERED"};
    private static final String[] CATEGORIES = {"FUNCTIONAL_SERVICE", "INTEREST_VOLUNTEER"};

    record Org(String community, String category, LocalDate registeredOn, String status, long version) {
    }

    record Span(String division, String level, LocalDate from, LocalDate until, long version) {
    }

    record Attendance(String division, String township, LocalDate heldOn, UUID session) {
    }

    record Sent(String service, EventEnvelope event) {
    }

    @Test
    void aRebuildEqualsTheIncrementalProjectionsAndARecountOfTheEvents() throws Exception {
        MetricsTestSupport.hierarchy();
        MetricsTestSupport.County county = MetricsTestSupport.privateCounty();
        // The test topics keep every record of every earlier run; start their logs here so that the replay
        // measures this stream, not the history of the machine (records before are deleted, as retention would).
        truncateTopics();
        String c = county.code();
        String[] communities = {county.urban0(), county.rural0(), county.urban1(), county.rural1()};
        String[] townships = {c + "001", c + "101"};
        long seed = System.nanoTime();
        LOG.infof("randomized stream seed %d", seed);
        Random random = new Random(seed);

        Map<UUID, Org> orgs = new TreeMap<>();
        Map<UUID, Span> federations = new TreeMap<>();
        Map<UUID, Span> demonstrations = new TreeMap<>();
        Map<UUID, Span> incubators = new TreeMap<>();
        Map<UUID, Attendance> attendances = new TreeMap<>();
        List<UUID> unreversed = new ArrayList<>();
        List<Sent> sent = new ArrayList<>();
        List<Future<?>> acks = new ArrayList<>();
        List<UUID> orgIds = new ArrayList<>();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            for (int n = 0; n < 10_000; n++) {
                int dice = random.nextInt(100);
                Sent next;
                if (dice < 25 || orgIds.isEmpty()) {
                    UUID id = UUID.randomUUID();
                    Org org = new Org(pick(random, communities), pick(random, CATEGORIES), day(random), "ACTIVE", 1);
                    orgs.put(id, org);
                    orgIds.add(id);
                    next = organization(id, random.nextBoolean() ? "filed" : "registered", org);
                } else if (dice < 45) {
                    UUID id = orgIds.get(random.nextInt(orgIds.size()));
                    Org was = orgs.get(id);
                    Org org = new Org(random.nextBoolean() ? pick(random, communities) : was.community(),
                            random.nextInt(4) == 0 ? pick(random, CATEGORIES) : was.category(),
                            random.nextInt(4) == 0 ? day(random) : was.registeredOn(), was.status(), was.version() + 1);
                    orgs.put(id, org);
                    next = organization(id, "updated", org);
                } else if (dice < 60) {
                    UUID id = orgIds.get(random.nextInt(orgIds.size()));
                    Org was = orgs.get(id);
                    Org org = new Org(was.community(), was.category(), was.registeredOn(), pick(random, STATUSES), was.version() + 1);
                    orgs.put(id, org);
                    next = organization(id, "status-changed", org);
                } else if (dice < 70 && !sent.isEmpty()) {
                    next = sent.get(random.nextInt(sent.size())); // a redelivery: the same event again
                } else if (dice < 74) {
                    UUID id = federations.isEmpty() || random.nextBoolean() ? UUID.randomUUID()
                            : new ArrayList<>(federations.keySet()).get(random.nextInt(federations.size()));
                    Span was = federations.get(id);
                    LocalDate from = was == null ? day(random) : was.from();
                    Span span = new Span(was == null ? pick(random, townships) : was.division(), "TOWNSHIP", from,
                            random.nextInt(3) == 0 ? from.plusDays(1 + random.nextInt(400)) : null, was == null ? 1 : was.version() + 1);
                    federations.put(id, span);
                    next = new Sent("incubation", MetricsTestSupport.event("incubation", "federation."
                            + (was == null ? "established" : span.until() == null ? "updated" : "dissolved"), id.toString(),
                            MetricsTestSupport.federation(id, span.division(), span.from().toString(), text(span.until()), span.version())));
                } else if (dice < 77) {
                    UUID id = demonstrations.isEmpty() || random.nextBoolean() ? UUID.randomUUID()
                            : new ArrayList<>(demonstrations.keySet()).get(random.nextInt(demonstrations.size()));
                    Span was = demonstrations.get(id);
                    LocalDate from = was == null ? day(random) : was.from();
                    Span span = new Span(was == null ? pick(random, communities) : was.division(), "", from,
                            was != null ? from.plusDays(1 + random.nextInt(400)) : null, was == null ? 1 : was.version() + 1);
                    demonstrations.put(id, span);
                    next = new Sent("incubation", MetricsTestSupport.event("incubation", "hub-demonstration."
                            + (was == null ? "certified" : "revoked"), id.toString(),
                            MetricsTestSupport.demonstration(id, span.division(), span.from().toString(), text(span.until()), span.version())));
                } else if (dice < 80) {
                    UUID id = incubators.isEmpty() || random.nextBoolean() ? UUID.randomUUID()
                            : new ArrayList<>(incubators.keySet()).get(random.nextInt(incubators.size()));
                    Span was = incubators.get(id);
                    String[] levels = {"COUNTY", "TOWNSHIP", "VILLAGE"};
                    String level = was == null ? pick(random, levels) : was.level();
                    String division = was != null ? was.division()
                            : level.equals("COUNTY") ? c : level.equals("TOWNSHIP") ? pick(random, townships) : pick(random, communities);
                    LocalDate from = was == null ? day(random) : was.from();
                    Span span = new Span(division, level, from, was != null ? from.plusDays(1 + random.nextInt(400)) : null,
                            was == null ? 1 : was.version() + 1);
                    incubators.put(id, span);
                    next = new Sent("incubation", MetricsTestSupport.event("incubation", "incubator."
                            + (was == null ? "opened" : "closed"), id.toString(),
                            MetricsTestSupport.incubator(id, level, division, from.toString(), text(span.until()), span.version())));
                } else if (dice < 93 || unreversed.isEmpty()) {
                    UUID id = UUID.randomUUID();
                    int where = random.nextInt(communities.length + 1);
                    String division = where == communities.length ? c : communities[where];
                    String township = where == communities.length ? null : townships[where / 2];
                    Attendance a = new Attendance(division, township, day(random), new UUID(0, random.nextInt(20)));
                    attendances.put(id, a);
                    unreversed.add(id);
                    next = new Sent("training", MetricsTestSupport.event("training", "attendance.recorded", a.session().toString(),
                            MetricsTestSupport.attendance(id, null, a.session(), a.heldOn().toString(), a.division(), a.township())));
                } else {
                    UUID original = unreversed.remove(random.nextInt(unreversed.size()));
                    Attendance a = attendances.get(original);
                    UUID id = UUID.randomUUID();
                    attendances.put(id, new Attendance(a.division(), a.township(), a.heldOn(), null)); // marks the reversal
                    next = new Sent("training", MetricsTestSupport.event("training", "attendance.reversed", a.session().toString(),
                            MetricsTestSupport.attendance(id, original, a.session(), a.heldOn().toString(), a.division(), a.township())));
                }
                sent.add(next);
                acks.add(MetricsTestSupport.send(producer, next.service(), next.event()));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
        MetricsTestSupport.awaitApplied(sent.stream().map(s -> s.event().id()).distinct().toList(), 600);

        Map<String, List<String>> recount = recount(orgs, federations, demonstrations, incubators, attendances);
        LOG.infof("recount: %s", recount.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).toList());
        for (String projection : List.of("organizations", "tally", "federations", "demonstrations", "incubators", "training")) {
            assertTrue(recount.get(projection).size() >= 10, projection + " has rows to compare");
        }
        Map<String, List<String>> incremental = dump(c);
        assertEquals(recount, incremental, "the incremental projections equal a recount of the events");
        String ours = "select count(*) from exchange_event where data ->> 'communityCode' like '" + c + "%'";
        long feedBefore = ServiceDatabase.count(ours);

        // A poison event on the topic (30 February): live it goes to the dead letters, the replay skips it and goes on.
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            UUID unreadable = UUID.randomUUID();
            MetricsTestSupport.send(producer, "registry", MetricsTestSupport.event("registry", "organization.filed", unreadable.toString(),
                    MetricsTestSupport.organizationState(unreadable, county.urban0(), "FUNCTIONAL_SERVICE", "2024-02-30", "ACTIVE", 1)))
                    .get();
        }
        given().auth().oauth2(Tokens.of("county-shizhong")).when().post("/api/v1/admin/projections/rebuilds").then().statusCode(403);
        String location = given().auth().oauth2(Tokens.of("city-admin")).when().post("/api/v1/admin/projections/rebuilds").then()
                .statusCode(202).body("status", equalTo("RUNNING")).extract().header("Location");
        given().auth().oauth2(Tokens.of("city-admin")).when().post("/api/v1/admin/projections/rebuilds").then().statusCode(409)
                .contentType("application/problem+json");
        // Registrations go on while it runs: the live consumers apply them, and the swap waits until the replay has them too.
        List<UUID> during = new ArrayList<>();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            for (int n = 0; n < 300; n++) {
                UUID id = UUID.randomUUID();
                Org org = new Org(pick(random, communities), pick(random, CATEGORIES), day(random), "ACTIVE", 1);
                orgs.put(id, org);
                Sent next = organization(id, "filed", org);
                MetricsTestSupport.send(producer, next.service(), next.event()).get();
                during.add(next.event().id());
                Thread.sleep(10);
            }
        }
        MetricsTestSupport.awaitApplied(during, 120);
        recount = recount(orgs, federations, demonstrations, incubators, attendances);
        String path = location.substring(location.indexOf("/api/"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        String status = "RUNNING";
        while (status.equals("RUNNING")) {
            assertTrue(System.nanoTime() < deadline, "the rebuild finishes");
            Thread.sleep(500);
            status = given().auth().oauth2(Tokens.of("city-admin")).when().get(path).then().statusCode(200).extract().path("status");
        }
        assertEquals("COMPLETED", status, () -> given().auth().oauth2(Tokens.of("city-admin")).get(path).asString());
        int replayed = given().auth().oauth2(Tokens.of("city-admin")).when().get(path).then().extract().path("events");
        assertTrue(replayed >= 10_000, "replayed " + replayed);
        MetricsTestSupport.awaitApplied(during, 120);

        assertEquals(recount, dump(c), "the rebuilt projections equal the recount");
        // The dashboard reads the swapped-in tables: urban organizations existing at the end of 2025 (every deregistration
        // was recorded in this year, so all registered by 2025 still counted then).
        long urban2025 = orgs.values().stream().filter(o -> o.registeredOn().getYear() <= 2025)
                .filter(o -> o.community().equals(county.urban0()) || o.community().equals(county.urban1())).count();
        given().auth().oauth2(Tokens.of("city-admin")).queryParam("division", c).queryParam("year", 2025)
                .when().get("/api/v1/progress").then().statusCode(200)
                .body("targets.find { it.target == 'T1' }.numerator", equalTo((int) urban2025));
        assertEquals(feedBefore + during.size(), ServiceDatabase.count(ours), "the exchange feed has each change once, the rebuild adds none again");
        assertEquals(0, ServiceDatabase.count("select count(*) from information_schema.schemata where schema_name like 'metrics_%'"));

        // After the swap the live consumers apply into the new tables, each event once.
        UUID late = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            EventEnvelope event = organization(late, "filed", new Org(county.urban0(), "FUNCTIONAL_SERVICE", LocalDate.of(2025, 5, 5),
                    "ACTIVE", 1)).event();
            MetricsTestSupport.send(producer, "registry", event).get();
            MetricsTestSupport.awaitApplied(List.of(event.id()), 120);
        }
        assertEquals(1, ServiceDatabase.count("select count(*) from organization_projection where id = '" + late + "'"));
    }

    private static void truncateTopics() throws Exception {
        String namespace = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("miaopu.events.namespace", String.class);
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class));
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props)) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            for (String topic : List.of("registry", "incubation", "training")) {
                String name = namespace + "." + topic + ".v1";
                admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name).partitions()
                        .forEach(p -> latest.put(new org.apache.kafka.common.TopicPartition(name, p.partition()),
                                org.apache.kafka.clients.admin.OffsetSpec.latest()));
            }
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> delete.put(partition, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** What the projections must hold for the county, worked out from the final states sent. */
    private static Map<String, List<String>> recount(Map<UUID, Org> orgs, Map<UUID, Span> federations, Map<UUID, Span> demonstrations,
                                                     Map<UUID, Span> incubators, Map<UUID, Attendance> attendances) {
        Map<String, List<String>> expected = new TreeMap<>();
        expected.put("organizations", sorted(orgs.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue().community() + "|"
                + e.getValue().category() + "|" + e.getValue().registeredOn() + "|" + e.getValue().status() + "|" + e.getValue().version())
                .toList()));
        // Every deregistration was recorded today (the events' time): gone this year, in China.
        int thisYear = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        Map<String, Long> tally = new TreeMap<>();
        orgs.values().forEach(o -> tally.merge(o.community() + "|" + o.registeredOn().getYear() + "|" + o.category() + "|"
                + (o.status().equals("DEREGISTERED") ? thisYear : 9999), 1L, Long::sum));
        expected.put("tally", sorted(tally.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue()).toList()));
        expected.put("federations", spans(federations));
        expected.put("demonstrations", spans(demonstrations));
        expected.put("incubators", spans(incubators));
        Map<String, Long> training = new TreeMap<>();
        attendances.values().forEach(a -> training.merge(a.division() + "|" + (a.township() == null ? "" : a.township()) + "|"
                + a.heldOn().getYear(), a.session() == null ? -1L : 1L, Long::sum));
        expected.put("training", sorted(training.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> e.getKey() + "|" + e.getValue()).toList()));
        return expected;
    }

    private static Map<String, List<String>> dump(String county) throws Exception {
        Map<String, List<String>> rows = new TreeMap<>();
        String like = "'" + county + "%'";
        rows.put("organizations", sorted(ServiceDatabase.column("select id || '|' || community_code || '|' || category || '|' || registered_on "
                + "|| '|' || status || '|' || version from organization_projection where community_code like " + like)));
        rows.put("tally", sorted(ServiceDatabase.column("select community_code || '|' || registered_year || '|' || category || '|' || gone_year "
                + "|| '|' || organizations from community_tally where community_code like " + like)));
        rows.put("federations", sorted(ServiceDatabase.column("select id || '|' || township_code || '|' || established_on || '|' "
                + "|| coalesce(dissolved_on::text, '') || '|' || version from federation_projection where township_code like " + like)));
        rows.put("demonstrations", sorted(ServiceDatabase.column("select id || '|' || division_code || '|' || certified_on || '|' "
                + "|| coalesce(revoked_on::text, '') || '|' || version from hub_demonstration_projection where division_code like " + like)));
        rows.put("incubators", sorted(ServiceDatabase.column("select id || '|' || division_code || '|' || opened_on || '|' "
                + "|| coalesce(closed_on::text, '') || '|' || version from incubator_projection where division_code like " + like)));
        rows.put("training", sorted(ServiceDatabase.column("select trainee_division || '|' || township_code || '|' || held_year || '|' "
                + "|| person_times from training_tally where trainee_division like " + like)));
        return rows;
    }

    private static List<String> spans(Map<UUID, Span> spans) {
        return sorted(spans.entrySet().stream().map(e -> e.getKey() + "|" + e.getValue().division() + "|" + e.getValue().from() + "|"
                + text(e.getValue().until()) + "|" + e.getValue().version()).map(s -> s.replace("|null|", "||")).toList());
    }

    private static Sent organization(UUID id, String fact, Org org) {
        return new Sent("registry", MetricsTestSupport.event("registry", "organization." + fact, id.toString(),
                MetricsTestSupport.organizationState(id, org.community(), org.category(), org.registeredOn().toString(), org.status(),
                        org.version())));
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    private static LocalDate day(Random random) {
        return LocalDate.of(2019 + random.nextInt(7), 1, 1).plusDays(random.nextInt(365));
    }

    private static String text(LocalDate day) {
        return day == null ? null : day.toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
