package io.miaopu.incubation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The hierarchy: real Leshan data, reads for every role, the city bureau's changes, and bad input. */
@QuarkusTest
class DivisionResourceTest {

    private static final String BASE = "/api/v1/divisions";

    @Inject
    EventSchemas schemas;

    @Test
    void seedingYieldsTheRealLeshanHierarchy() {
        String token = Tokens.user("clerk-dafo");
        Map<String, Integer> expected = Map.of(
                "level=TOWNSHIP", 132, "level=TOWNSHIP&kind=STREET", 11, "level=TOWNSHIP&kind=TOWN", 103,
                "level=TOWNSHIP&kind=TOWNSHIP", 18, "level=VILLAGE", 1371, "kind=URBAN_COMMUNITY", 264,
                "kind=RURAL_COMMUNITY", 1107, "level=COUNTY", 12, "level=CITY", 1, "level=PROVINCE", 1);
        expected.forEach((query, count) -> given().auth().oauth2(token)
                .when().get(BASE + "?active=true&size=1&" + query).then()
                .statusCode(200).body("total", equalTo(count)));
        given().auth().oauth2(token).when().get(BASE + "/5111GX").then()
                .statusCode(200)
                .body("name", equalTo("乐山高新区"))
                .body("level", equalTo("COUNTY"))
                .body("kind", equalTo("FUNCTIONAL_ZONE"))
                .body("codeSource", equalTo("PROJECT"))
                .body("parentCode", equalTo("5111"));
        given().auth().oauth2(token).when().get(BASE + "/511181").then()
                .statusCode(200).body("name", equalTo("峨眉山市")).body("kind", equalTo("COUNTY_CITY"));
    }

    @Test
    void theFullHierarchyIsPublishedAtFirstStart() throws Exception {
        List<String[]> rows = rows("select type, payload::text, sent_at is not null from outbox_event "
                + "where type = 'io.miaopu.incubation.division.changed.v1' and payload->>'revision' = '1'");
        assertEquals(1 + 1 + 12 + 132 + 1371, rows.size(), "one event per division");
        for (String[] row : rows) {
            schemas.validate(row[0], row[1]);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rows("select 1 from outbox_event where sent_at is null").size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, rows("select 1 from outbox_event where sent_at is null").size(), "all published to Kafka");
    }

    @Test
    void readsWalkTheHierarchy() {
        String token = Tokens.client("exchange-reader");
        given().auth().oauth2(token).when().get(BASE + "/511102004").then()
                .statusCode(200)
                .body("name", equalTo("大佛街道"))
                .body("kind", equalTo("STREET"))
                .body("parentCode", equalTo("511102"));
        given().auth().oauth2(token).when().get(BASE + "/511102004/children").then()
                .statusCode(200)
                .body("$", hasSize(17))
                .body("code", hasItems("511102004001", "511102004212"))
                .body("find { it.code == '511102004001' }.kind", equalTo("URBAN_COMMUNITY"))
                .body("find { it.code == '511102004212' }.kind", equalTo("RURAL_COMMUNITY"));
        given().auth().oauth2(token).when().get(BASE + "/511102004001/ancestors").then()
                .statusCode(200)
                .body("code", contains("511102004", "511102", "5111", "51"));
        given().auth().oauth2(token).when().get(BASE + "?q=大佛&level=TOWNSHIP").then()
                .statusCode(200)
                .body("items.code", hasItem("511102004"));
        given().auth().oauth2(token).when().get(BASE + "?parent=511102&size=5&page=1").then()
                .statusCode(200)
                .body("items", hasSize(5)).body("page", equalTo(1)).body("size", equalTo(5)).body("total", equalTo(17));
        // the history names the bureau's staff: not for the exchange reader (IncubationScopeTest), for the staff roles
        given().auth().oauth2(Tokens.client("province-platform")).when().get(BASE + "/511102004/history").then()
                .statusCode(200)
                .body("[0].changeType", equalTo("SEEDED"))
                .body("[0].after.name", equalTo("大佛街道"));
    }

    @Test
    void badReadsAreProblems() {
        String token = Tokens.user("county-shizhong");
        given().auth().oauth2(token).when().get(BASE + "/999999").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:not-found"));
        given().auth().oauth2(token).when().get(BASE + "?level=STREET").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:validation"))
                .body("errors[0].field", equalTo("level"));
        given().auth().oauth2(token).when().get(BASE + "?size=100000").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("size"));
        given().when().get(BASE + "/51").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theCityBureauRenamesWithHistoryAndAnEvent() throws Exception {
        String admin = Tokens.user("city-admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "沙湾区（测试更名）", "reason", "test"))
                .when().post(BASE + "/511111/rename").then()
                .statusCode(200)
                .body("name", equalTo("沙湾区（测试更名）"))
                .body("revision", equalTo(2));
        given().auth().oauth2(admin).when().get(BASE + "/511111/history").then()
                .statusCode(200)
                .body("changeType", contains("SEEDED", "RENAMED"))
                .body("[1].before.name", equalTo("沙湾区"))
                .body("[1].after.name", equalTo("沙湾区（测试更名）"))
                .body("[1].changedBy", equalTo("city-admin"))
                .body("[1].reason", equalTo("test"));
        List<String[]> events = rows("select payload::text from outbox_event where aggregate_id = '511111' "
                + "and payload->>'revision' = '2'");
        assertEquals(1, events.size());
        schemas.validate("io.miaopu.incubation.division.changed.v1", events.get(0)[0]);
    }

    @Test
    void onlyTheCityBureauChangesTheHierarchy() throws Exception {
        long before = count("select count(*) from change_log where aggregate_type = 'division'");
        for (String user : List.of("county-shizhong", "clerk-dafo")) {
            given().auth().oauth2(Tokens.user(user)).contentType(ContentType.JSON)
                    .body(Map.of("name", "x", "reason", "y"))
                    .when().post(BASE + "/511102/rename").then()
                    .statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:miaopu:problem:forbidden"));
        }
        given().auth().oauth2(Tokens.client("province-platform")).contentType(ContentType.JSON)
                .body(Map.of("parentCode", "5111GX", "reason", "y"))
                .when().post(BASE + "/511102006/reassign").then().statusCode(403);
        assertEquals(before, count("select count(*) from change_log where aggregate_type = 'division'"), "nothing written");
    }

    @Test
    void aTownshipIsAssignedToTheHighTechZone() {
        String admin = Tokens.user("city-admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("parentCode", "5111GX", "reason", "划入乐山高新区管理"))
                .when().post(BASE + "/511102008/reassign").then()
                .statusCode(200)
                .body("parentCode", equalTo("5111GX"));
        given().auth().oauth2(admin).when().get(BASE + "/5111GX/children").then()
                .statusCode(200).body("code", hasItem("511102008"));
        given().auth().oauth2(admin).when().get(BASE + "/511102008001/ancestors").then()
                .statusCode(200).body("code", contains("511102008", "5111GX", "5111", "51"));
    }

    @Test
    void badChangesAreProblemsAndWriteNothing() throws Exception {
        String admin = Tokens.user("city-admin");
        long changes = count("select count(*) from change_log where aggregate_type = 'division'");
        long events = count("select count(*) from outbox_event");
        // a community under a county: wrong level
        problem(admin, BASE + "/511102004001/reassign", Map.of("parentCode", "511126", "reason", "x"), 422, "parentCode");
        // an unknown parent
        problem(admin, BASE + "/511102004001/reassign", Map.of("parentCode", "511199999", "reason", "x"), 422, "parentCode");
        // no reason
        problem(admin, BASE + "/511102004/rename", Map.of("name", "新名"), 400, "reason");
        // blank name and too long reason
        problem(admin, BASE + "/511102004/rename", Map.of("name", " ", "reason", "r".repeat(501)), 400, "name");
        // retiring a township that still has communities
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "合并"))
                .when().post(BASE + "/511102004/retire").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:conflict"));
        // a township code of the wrong length, a code that exists, a zone with a statistical code
        problem(admin, BASE, Map.of("code", "51110200", "name", "x", "level", "TOWNSHIP", "parentCode", "511102"), 400, "code");
        problem(admin, BASE, Map.of("code", "511102004", "name", "x", "level", "TOWNSHIP", "parentCode", "511102"), 409, "code");
        problem(admin, BASE, Map.of("code", "511199", "name", "x", "level", "COUNTY", "parentCode", "5111",
                "kind", "FUNCTIONAL_ZONE"), 400, "code");
        // an unknown level value in the body
        problem(admin, BASE, Map.of("code", "511102004299", "name", "x", "level", "HAMLET", "parentCode", "511102004"), 400,
                "level");
        // not JSON at all
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{").when().post(BASE).then()
                .statusCode(400).contentType("application/problem+json");
        assertEquals(changes, count("select count(*) from change_log where aggregate_type = 'division'"), "no history written");
        assertEquals(events, count("select count(*) from outbox_event"), "no event written");
    }

    @Test
    void theCityBureauAddsACommunity() {
        String admin = Tokens.user("city-admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", "511126001250", "name", "测试新村", "level", "VILLAGE", "parentCode", "511126001",
                        "reason", "新设"))
                .when().post(BASE).then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/divisions/511126001250"))
                .body("kind", equalTo("RURAL_COMMUNITY"))
                .body("revision", equalTo(1))
                .body("codeSource", equalTo("NBS"));
        given().auth().oauth2(admin).when().get(BASE + "/511126001250/history").then()
                .body("changeType", contains("CREATED"));
        // and retired again (a community has nothing under it), so the seeded counts stay as they were
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "测试结束"))
                .when().post(BASE + "/511126001250/retire").then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("revision", equalTo(2));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                .when().post(BASE + "/511126001250/retire").then()
                .statusCode(409).contentType("application/problem+json");
    }

    private static void problem(String token, String path, Map<String, Object> body, int status, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(path).then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(field))
                .body("detailZh", org.hamcrest.Matchers.notNullValue());
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(rows(sql).get(0)[0]);
    }

    private static List<String[]> rows(String sql) throws Exception {
        var config = ConfigProvider.getConfig();
        try (Connection db = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             ResultSet rs = db.createStatement().executeQuery(sql)) {
            List<String[]> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = rs.getString(c + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
