package io.miaopu.incubation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access rule of docs/integrators.md in incubation (issue 19, findings 9, 16 and 22): a read or
 * a change of an existing thing outside one's jurisdiction is the 404 of a missing one (the id is
 * not confirmed); creating into a division outside it is a 403; a role that may read but not write
 * gets 403 for a change. And incubation's side of strict input.
 */
@QuarkusTest
class IncubationScopeTest {

    private static final String QUANFU = "511102010";
    private static UUID organization;

    @BeforeAll
    static void organizations() throws Exception {
        organization = TestData.organization("全福街道志愿服务队", QUANFU + "001", "ACTIVE");
    }

    @Test
    void outsideTheJurisdictionEveryExistingThingIsA404AndCreatingIsA403() throws Exception {
        String county = Tokens.user("county-shizhong");
        String federation = created(county, "/api/v1/federations", Map.of("townshipCode", QUANFU,
                "organizationId", organization.toString(), "name", "全福街道联合会", "establishedOn", "2024-03-01"));
        String incubator = created(county, "/api/v1/incubators", Map.of("name", "市中区孵化基地（范围）", "level", "COUNTY",
                "divisionCode", "511102", "type", "INCUBATION_BASE", "services", List.of("INCUBATION"), "openedOn", "2023-09-01"));
        String enrollment = created(county, "/api/v1/incubators/" + incubator + "/enrollments",
                Map.of("organizationId", organization.toString(), "startedOn", "2024-02-01"));
        String demonstration = created(county, "/api/v1/hub-demonstrations", Map.of("organizationId", organization.toString(),
                "certifiedOn", "2024-10-01", "certifyingLevel", "COUNTY"));
        Map<String, Object> venue = new HashMap<>(Map.of("organizationId", organization.toString(), "venue", "党群服务中心",
                "providingDivisionCode", QUANFU, "fromDate", "2024-01-01", "floorAreaM2", 40));
        String venueId = created(county, "/api/v1/venue-supports", venue);
        String funding = created(county, "/api/v1/fundings", Map.of("organizationId", organization.toString(),
                "channel", "GOVERNMENT_PURCHASE", "amountFen", 500_000, "year", 2024, "projectTitle", "关爱服务项目"));

        List<String> reads = List.of("/api/v1/federations/" + federation, "/api/v1/federations/" + federation + "/history",
                "/api/v1/incubators/" + incubator, "/api/v1/incubators/" + incubator + "/history",
                "/api/v1/incubators/" + incubator + "/enrollments",
                "/api/v1/incubators/" + incubator + "/enrollments/" + enrollment,
                "/api/v1/incubators/" + incubator + "/enrollments/" + enrollment + "/history",
                "/api/v1/hub-demonstrations/" + demonstration, "/api/v1/hub-demonstrations/" + demonstration + "/history",
                "/api/v1/venue-supports/" + venueId, "/api/v1/venue-supports/" + venueId + "/history",
                "/api/v1/fundings/" + funding, "/api/v1/fundings/" + funding + "/history");
        String outsider = Tokens.user("county-jiajiang");
        for (String path : reads) {
            given().auth().oauth2(county).when().get(path).then().statusCode(200);
            String hidden = given().auth().oauth2(outsider).when().get(path).then().statusCode(404)
                    .contentType("application/problem+json").extract().path("detail");
            // the very answer for an id that does not exist
            String missing = given().auth().oauth2(outsider).when().get(path.replace(idIn(path), UUID.randomUUID().toString()))
                    .then().statusCode(404).extract().path("detail");
            assertEquals(missing.replaceAll("[0-9a-f-]{36}", "…"), hidden.replaceAll("[0-9a-f-]{36}", "…"), path);
        }

        long changes = ServiceDatabase.count("select count(*) from change_log where aggregate_type <> 'division'");
        Map<String, Map<String, Object>> writes = new java.util.LinkedHashMap<>();
        writes.put("/api/v1/federations/" + federation + "/dissolve", Map.of("dissolvedOn", "2024-06-01", "reason", "测试"));
        writes.put("/api/v1/incubators/" + incubator + "/close", Map.of("closedOn", "2024-06-01", "reason", "测试"));
        writes.put("/api/v1/incubators/" + incubator + "/enrollments",
                Map.of("organizationId", organization.toString(), "startedOn", "2024-03-01"));
        writes.put("/api/v1/incubators/" + incubator + "/enrollments/" + enrollment + "/graduate", Map.of("endedOn", "2024-06-01"));
        writes.put("/api/v1/hub-demonstrations/" + demonstration + "/revoke", Map.of("revokedOn", "2024-11-01", "reason", "测试"));
        writes.put("/api/v1/venue-supports/" + venueId + "/end", Map.of("toDate", "2024-06-01", "reason", "测试"));
        writes.put("/api/v1/fundings/" + funding + "/cancel", Map.of("cancelledOn", "2024-06-01", "reason", "测试"));
        for (Map.Entry<String, Map<String, Object>> write : writes.entrySet()) {
            // unseen: 404 like a missing id; seen by a role that never writes: 403
            given().auth().oauth2(outsider).contentType(ContentType.JSON).body(write.getValue()).when().post(write.getKey())
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(Tokens.client("province-platform")).contentType(ContentType.JSON).body(write.getValue())
                    .when().post(write.getKey()).then().statusCode(403).contentType("application/problem+json");
        }
        given().auth().oauth2(outsider).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "name", "改名", "establishedOn", "2024-03-01",
                        "version", 1, "reason", "测试"))
                .when().put("/api/v1/federations/" + federation).then().statusCode(404);
        // creating into a division outside the jurisdiction: 403, naming it
        given().auth().oauth2(outsider).contentType(ContentType.JSON).body(Map.of("townshipCode", "511102009",
                        "organizationId", organization.toString(), "name", "绿心街道联合会", "establishedOn", "2024-03-01"))
                .when().post("/api/v1/federations").then().statusCode(403).contentType("application/problem+json");
        venue.put("providingDivisionCode", "511102009");
        given().auth().oauth2(outsider).contentType(ContentType.JSON).body(venue)
                .when().post("/api/v1/venue-supports").then().statusCode(403);
        assertEquals(changes, ServiceDatabase.count("select count(*) from change_log where aggregate_type <> 'division'"), "refusals write nothing");
    }

    @Test
    void theExchangeReaderReadsDivisionsButNotWhoChangedThem() {
        String exchange = Tokens.client("exchange-reader");
        given().auth().oauth2(exchange).when().get("/api/v1/divisions/511102004").then().statusCode(200);
        given().auth().oauth2(exchange).when().get("/api/v1/divisions?parent=511102").then().statusCode(200);
        given().auth().oauth2(exchange).when().get("/api/v1/divisions/511102004/history").then()
                .statusCode(403).contentType("application/problem+json");
        for (String who : List.of("province-platform")) {
            given().auth().oauth2(Tokens.client(who)).when().get("/api/v1/divisions/511102004/history").then().statusCode(200);
        }
        given().auth().oauth2(Tokens.user("clerk-dafo")).when().get("/api/v1/divisions/511102004/history").then().statusCode(200);
    }

    @Test
    void malformedInputIsA400NamingTheField() throws Exception {
        long changes = ServiceDatabase.count("select count(*) from change_log where aggregate_type <> 'division'");
        String county = Tokens.user("county-shizhong");
        String base = "{\"name\":\"孵化基地\",\"level\":\"COUNTY\",\"divisionCode\":\"511102\",\"type\":\"INCUBATION_BASE\","
                + "\"openedOn\":\"2023-09-01\",";
        refused(county, "/api/v1/incubators", base + "\"services\":[\"INCUBATION\",\"INCUBATION\"]}", "services");
        refused(county, "/api/v1/incubators", base.replace("孵化基地", "\\ud800中文abc") + "\"services\":[\"INCUBATION\"]}", "name");
        refused(county, "/api/v1/incubators", base.replace("COUNTY", "county") + "\"services\":[\"INCUBATION\"]}", "level");
        refused(county, "/api/v1/incubators", base + "\"services\":[\"INCUBATION\"]} {}", "body");
        // a fraction of a fen is not a whole amount (it was truncated: 1.999 became 1)
        refused(county, "/api/v1/fundings", "{\"organizationId\":\"" + organization + "\",\"channel\":\"GOVERNMENT_PURCHASE\","
                + "\"amountFen\":1.999,\"year\":2024,\"projectTitle\":\"项目\"}", "amountFen");
        refused(county, "/api/v1/fundings", "{\"organizationId\":\"" + organization + "\",\"channel\":\"GOVERNMENT_PURCHASE\","
                + "\"amountFen\":\"500\",\"year\":2024,\"projectTitle\":\"项目\"}", "amountFen");
        assertEquals(changes, ServiceDatabase.count("select count(*) from change_log where aggregate_type <> 'division'"), "refusals write nothing");
        for (String query : List.of("page=abc", "size=x")) {
            given().auth().oauth2(county).when().get("/api/v1/fundings?" + query).then().statusCode(400)
                    .body("errors.field", equalTo(List.of(query.substring(0, query.indexOf('=')))));
        }
    }

    private static void refused(String token, String path, String json, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(json.getBytes(StandardCharsets.UTF_8))
                .when().post(path).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of(field)));
    }

    private static String created(String token, String path, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path).then()
                .statusCode(201).extract().path("id");
    }

    /** The first id in a path: the thing outside the jurisdiction (an enrollment is hidden with its incubator). */
    private static String idIn(String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9a-f-]{36}").matcher(path);
        return m.find() ? m.group() : null;
    }
}
