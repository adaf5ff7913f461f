package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Fault drills on the real processes: Kafka stopped while registrations arrive, {@code kill -9} of
 * metrics and of registry during a stream of registrations, {@code kill -9} of registry during an
 * import. Afterwards every registration the gateway answered is in registry, and registry's
 * organizations of the drill's community are in every consumer exactly once: the same set of ids in
 * incubation's and training's replicas and in metrics' projection, and metrics' tally of the
 * community equal to registry's count (a duplicate delivery counted twice would show there).
 * Runs before {@link KeycloakOutageTest} and after the rest: it stops shared processes.
 */
@Order(Integer.MAX_VALUE - 1)
class FaultDrillsTest {

    private static final String COMMUNITY = "511102004202";
    private static final String CLERK = "clerk-dafo";

    @BeforeAll
    static void suite() throws InterruptedException {
        LocalSuite.ensureStarted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().baseUri(LocalSuite.gatewayUrl()).queryParam("division", COMMUNITY)
                .get("/api/v1/public/organizations").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "registry's division replica never learnt " + COMMUNITY);
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void everythingBack() {
        LocalSuite.script("kafka.sh", "up");
        List.of("registry", "metrics").forEach(LocalSuite::startService);
    }

    @Test
    void registrationsWhileKafkaIsStoppedAreAcceptedAndArriveEverywhereOnceItIsBack() throws Exception {
        LocalSuite.script("kafka.sh", "down");
        Set<String> answered = new HashSet<>();
        try {
            // readiness means "can serve requests": no service leaves its Service because the broker is gone
            LocalSuite.SERVICE_PORTS.forEach((service, port) -> given().baseUri("http://127.0.0.1:" + port)
                    .when().get("/q/health/ready").then().statusCode(200));
            String token = Tokens.user(CLERK);
            for (int i = 0; i < 20; i++) {
                Response response = register(token, "停摆演练" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID().toString());
                assertEquals(201, response.statusCode(), "a registration while Kafka is down: " + response.asString());
                answered.add(response.path("id"));
            }
            // the outbox keeps them: nothing reached a consumer yet
            assertTrue(intersection(ids("metrics", "select id from organization_projection where community_code = ?"), answered).isEmpty(),
                    "metrics cannot have events while the broker is down");
        } finally {
            LocalSuite.script("kafka.sh", "up");
        }
        awaitEveryConsumerEqualToRegistry(answered, 180);
    }

    @Test
    void killingMetricsAndRegistryDuringAStreamOfRegistrationsLosesAndDuplicatesNothing() throws Exception {
        String token = Tokens.user(CLERK);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        Thread stream = new Thread(() -> {
            while (streaming.get()) {
                String name = "宕机演练" + UUID.randomUUID().toString().substring(0, 8);
                String key = UUID.randomUUID().toString();
                // a careful client: retries with the same Idempotency-Key until it gets an answer
                for (int retry = 0; retry < 200 && streaming.get(); retry++) {
                    attempts.incrementAndGet();
                    try {
                        Response response = register(token, name, key);
                        if (response.statusCode() == 201) {
                            answered.add(response.path("id"));
                            break;
                        }
                    } catch (RuntimeException connectionLost) {
                        // the gateway answers, but keep going whatever happens
                    }
                    LocalSuite.sleep(100);
                }
            }
        }, "registration-stream");
        stream.start();
        try {
            awaitAnswered(answered, 15);
            LocalSuite.kill("metrics");
            awaitAnswered(answered, 30);
            LocalSuite.startService("metrics");
            awaitAnswered(answered, answered.size() + 10);
            LocalSuite.kill("registry");
            LocalSuite.sleep(1_000);
            LocalSuite.startService("registry");
            awaitAnswered(answered, answered.size() + 15);
        } finally {
            streaming.set(false);
            stream.join(60_000);
        }
        assertTrue(attempts.get() > answered.size(), "registry was down for some attempts: " + attempts.get() + " vs " + answered.size());
        awaitEveryConsumerEqualToRegistry(answered, 180);
    }

    @Test
    void killingRegistryDuringAnImportStillAppliesEveryRowOnce() throws Exception {
        String gateway = LocalSuite.gatewayUrl();
        String token = Tokens.user(CLERK);
        String tag = "导入演练" + UUID.randomUUID().toString().substring(0, 6);
        int rows = 30_000;
        StringBuilder csv = new StringBuilder("name,managementClass,category,subcategory,communityCode,registeredOn,leaderName,"
                + "leaderPhone,serviceAreas\r\n");
        for (int row = 1; row <= rows; row++) {
            csv.append(tag).append("队").append(row).append(",COMMUNITY_GUIDED,INTEREST_VOLUNTEER,CULTURE_SPORTS,")
                    .append(COMMUNITY).append(",2024-0").append(1 + row % 9).append("-01,队长").append(row)
                    .append(",1390833").append(String.format("%04d", row % 10_000)).append(",FITNESS\r\n");
        }
        String location = given().baseUri(gateway).auth().oauth2(token).contentType("text/csv; charset=UTF-8")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/organizations/imports").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.lastIndexOf("/api/v1/"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonPath state;
        while ((state = given().baseUri(gateway).auth().oauth2(token).get(job).then().statusCode(200).extract().jsonPath())
                .getInt("applied") == 0) {
            assertTrue(System.nanoTime() < deadline, "the import never started: " + state.prettify());
            Thread.sleep(50);
        }
        assertTrue(!"COMPLETED".equals(state.getString("status")), "the import must still run when registry is killed");
        LocalSuite.kill("registry");
        LocalSuite.startService("registry");
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!"COMPLETED".equals((state = given().baseUri(gateway).auth().oauth2(token).get(job).then().statusCode(200)
                .extract().jsonPath()).getString("status"))) {
            assertTrue(System.nanoTime() < deadline, "the import did not complete after the restart: " + state.prettify());
            Thread.sleep(500);
        }
        assertEquals(rows, state.getInt("applied"));
        assertEquals(0, state.getInt("rejected"));
        try (Connection registry = connect("registry");
             PreparedStatement count = registry.prepareStatement("select count(*), count(distinct name) from organization where name like ?")) {
            count.setString(1, tag + "%");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                assertEquals(rows, rs.getInt(1), "every row once in registry");
                assertEquals(rows, rs.getInt(2));
            }
        }
        awaitEveryConsumerEqualToRegistry(Set.of(), 300);
    }

    private static Response register(String token, String name, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("managementClass", "COMMUNITY_GUIDED");
        body.put("category", "INTEREST_VOLUNTEER");
        body.put("subcategory", "CULTURE_SPORTS");
        body.put("serviceAreas", List.of("FITNESS"));
        body.put("communityCode", COMMUNITY);
        body.put("registeredOn", "2025-03-01");
        body.put("leader", Map.of("name", "李桂芳", "phone", "13908330000"));
        return given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", idempotencyKey).body(body).when().post("/api/v1/organizations");
    }

    private static void awaitAnswered(Set<String> answered, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (answered.size() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "the stream stalled at " + answered.size() + " answered registrations");
            Thread.sleep(100);
        }
    }

    /**
     * Waits until incubation's and training's replicas and metrics' projection hold exactly registry's
     * organizations of the community, and metrics' tally counts each once.
     */
    private static void awaitEveryConsumerEqualToRegistry(Set<String> answered, int seconds) throws Exception {
        String byCommunity = "select id from organization_%s where community_code = ?";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "";
        while (System.nanoTime() < deadline) {
            Set<String> registry = ids("registry", "select id from organization where community_code = ?");
            assertTrue(registry.containsAll(answered), "an answered registration is missing from registry");
            Map<String, Set<String>> consumers = new LinkedHashMap<>();
            consumers.put("incubation", ids("incubation", byCommunity.formatted("replica")));
            consumers.put("training", ids("training", byCommunity.formatted("replica")));
            consumers.put("metrics", ids("metrics", byCommunity.formatted("projection")));
            long tally = tally();
            boolean equal = consumers.values().stream().allMatch(registry::equals) && tally == registry.size();
            if (equal) {
                return;
            }
            StringBuilder state = new StringBuilder("registry " + registry.size());
            consumers.forEach((name, set) -> state.append(", ").append(name).append(' ').append(set.size())
                    .append(" (missing ").append(registry.stream().filter(id -> !set.contains(id)).count())
                    .append(", extra ").append(set.stream().filter(id -> !registry.contains(id)).count()).append(')'));
            state.append(", metrics' tally ").append(tally);
            last = state.toString();
            Thread.sleep(500);
        }
        throw new AssertionError("the consumers did not converge to registry: " + last);
    }

    private static long tally() throws SQLException {
        try (Connection metrics = connect("metrics");
             PreparedStatement query = metrics.prepareStatement(
                     "select coalesce(sum(organizations), 0) from community_tally where community_code = ?")) {
            query.setString(1, COMMUNITY);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Set<String> ids(String service, String sql) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = connect(service); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, COMMUNITY);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static Connection connect(String service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + service + "_system", service,
                System.getenv().getOrDefault("MIAOPU_DB_PASSWORD", "miaopu-dev"));
    }
}
