package io.miaopu.incubation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The one concurrency convention (issue 20): every read of a versioned resource carries its version as the
 * ETag ("3"; a division's revision); a correction needs If-Match (428 without, 412 stale); a change of state
 * checks If-Match when sent. The body version of a correction stays accepted for one release (deprecated):
 * without If-Match it is checked as before (409 naming version); If-Match wins when both are sent.
 */
@QuarkusTest
class ConcurrencyConventionTest {

    /** 牟子镇 (市中区) and three more towns: no other test writes there. */
    private static final String MUZI = "511102101";

    @Test
    void everyReadOfAVersionedResourceCarriesItsVersionAsTheETag() throws Exception {
        String admin = Tokens.user("city-admin");
        Map<String, String> created = records(admin, "511102102");
        created.remove("organization");
        for (Map.Entry<String, String> record : created.entrySet()) {
            given().auth().oauth2(admin).when().get(record.getValue()).then()
                    .statusCode(200).header("ETag", "\"1\"").body("version", equalTo(1));
        }
        int revision = given().auth().oauth2(admin).when().get("/api/v1/divisions/" + MUZI).then()
                .statusCode(200).extract().path("revision");
        given().auth().oauth2(admin).when().get("/api/v1/divisions/" + MUZI).then().header("ETag", "\"" + revision + "\"");
    }

    @Test
    void aCorrectionNeedsIfMatch428WithoutAnd412WhenStale() throws Exception {
        String admin = Tokens.user("city-admin");
        Map<String, String> records = records(admin, "511102103");
        for (String kind : corrections(records, 1).keySet()) {
            String path = records.get(kind);
            long events = events(path);
            // neither If-Match nor the deprecated body version: 428, nothing written
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(correction(records, kind, 1))
                    .when().put(path).then()
                    .statusCode(428).contentType("application/problem+json")
                    .body("type", equalTo("urn:miaopu:problem:precondition-required"));
            // a stale ETag: 412, nothing written
            given().auth().oauth2(admin).header("If-Match", "\"7\"").contentType(ContentType.JSON).body(correction(records, kind, 1))
                    .when().put(path).then()
                    .statusCode(412).contentType("application/problem+json")
                    .body("type", equalTo("urn:miaopu:problem:precondition-failed"));
            assertEquals(events, events(path), path + ": refusals write nothing");
            // the ETag read: the change, with the new ETag
            String etag = given().auth().oauth2(admin).when().get(path).then().statusCode(200).extract().header("ETag");
            given().auth().oauth2(admin).header("If-Match", etag).contentType(ContentType.JSON).body(correction(records, kind, 1))
                    .when().put(path).then()
                    .statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
            assertEquals(events + 1, events(path), path);
            // a weak tag, or one of a list, names the version too
            given().auth().oauth2(admin).header("If-Match", "\"1\", W/\"3\"").contentType(ContentType.JSON)
                    .body(correction(records, kind, 2)).when().put(path).then().statusCode(412);
            given().auth().oauth2(admin).header("If-Match", "\"1\", W/\"2\"").contentType(ContentType.JSON)
                    .body(correction(records, kind, 2)).when().put(path).then()
                    .statusCode(200).header("ETag", "\"3\"");
        }
    }

    @Test
    void theDeprecatedBodyVersionStillWorksAndIfMatchWins() throws Exception {
        String admin = Tokens.user("city-admin");
        Map<String, String> records = records(admin, "511102104");
        for (String kind : corrections(records, 1).keySet()) {
            String path = records.get(kind);
            Map<String, Object> body = new HashMap<>(correction(records, kind, 1));
            // without If-Match: the body version, as before (409 naming version when stale)
            body.put("version", 5);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).when().put(path).then()
                    .statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("version"));
            body.put("version", 1);
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).when().put(path).then()
                    .statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
            // both sent: If-Match wins, either way
            body = new HashMap<>(correction(records, kind, 2));
            body.put("version", 1);
            given().auth().oauth2(admin).header("If-Match", "\"2\"").contentType(ContentType.JSON).body(body)
                    .when().put(path).then().statusCode(200).header("ETag", "\"3\"");
            body.put("version", 3);
            given().auth().oauth2(admin).header("If-Match", "\"2\"").contentType(ContentType.JSON).body(body)
                    .when().put(path).then().statusCode(412);
        }
    }

    @Test
    void aChangeOfStateChecksIfMatchWhenSent() throws Exception {
        String admin = Tokens.user("city-admin");
        Map<String, String> records = records(admin, "511102105");
        String incubator = records.get("incubator");
        String enrollment = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("organizationId", records.get("organization"), "startedOn", "2024-02-01"))
                .when().post(incubator + "/enrollments").then()
                .statusCode(201).header("ETag", "\"1\"").extract().header("Location");
        enrollment = enrollment.substring(enrollment.indexOf("/api/"));
        given().auth().oauth2(admin).when().get(enrollment).then().statusCode(200).header("ETag", "\"1\"");

        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        changes.put(enrollment + "/graduate", Map.of("endedOn", "2024-06-01"));
        changes.put(records.get("federation") + "/dissolve", Map.of("dissolvedOn", "2024-06-01", "reason", "测试"));
        changes.put(incubator + "/close", Map.of("closedOn", "2024-06-01", "reason", "测试"));
        changes.put(records.get("hub-demonstration") + "/revoke", Map.of("revokedOn", "2024-11-01", "reason", "测试"));
        changes.put(records.get("venue-support") + "/end", Map.of("toDate", "2024-06-01", "reason", "测试"));
        changes.put(records.get("funding") + "/cancel", Map.of("cancelledOn", "2024-06-01", "reason", "测试"));
        for (Map.Entry<String, Map<String, Object>> change : changes.entrySet()) {
            String path = change.getKey();
            String resource = path.substring(0, path.lastIndexOf('/'));
            long events = events(resource);
            given().auth().oauth2(admin).header("If-Match", "\"9\"").contentType(ContentType.JSON).body(change.getValue())
                    .when().post(path).then().statusCode(412).contentType("application/problem+json");
            assertEquals(events, events(resource), path + ": a stale If-Match writes nothing");
            given().auth().oauth2(admin).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(change.getValue())
                    .when().post(path).then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        }
        // without If-Match a change of state goes ahead (as registry's status changes); a division by its revision
        String village = MUZI + "205";
        int revision = given().auth().oauth2(admin).when().get("/api/v1/divisions/" + village).then()
                .statusCode(200).extract().path("revision");
        given().auth().oauth2(admin).header("If-Match", "\"" + (revision + 5) + "\"").contentType(ContentType.JSON)
                .body(Map.of("name", "武皇村委会（更名）", "reason", "测试")).when().post("/api/v1/divisions/" + village + "/rename")
                .then().statusCode(412);
        given().auth().oauth2(admin).header("If-Match", "\"" + revision + "\"").contentType(ContentType.JSON)
                .body(Map.of("name", "武皇村委会（更名）", "reason", "测试")).when().post("/api/v1/divisions/" + village + "/rename")
                .then().statusCode(200).header("ETag", "\"" + (revision + 1) + "\"").body("revision", equalTo(revision + 1));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "武皇村委会", "reason", "测试结束")).when().post("/api/v1/divisions/" + village + "/rename")
                .then().statusCode(200).header("ETag", "\"" + (revision + 2) + "\"");
    }

    /**
     * One record of each versioned kind, created by the city bureau for a new organization of 牟子镇 (the
     * federation in {@code township}); each 201 carries ETag "1". Also the organization's id, as "organization".
     */
    private static Map<String, String> records(String token, String township) throws Exception {
        UUID organization = TestData.organization("牟子场社区志愿服务队" + township, MUZI + "001", "ACTIVE");
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("federation", created(token, "/api/v1/federations", Map.of("townshipCode", township,
                "organizationId", organization.toString(), "name", "牟子镇社区社会组织联合会", "establishedOn", "2024-03-01")));
        paths.put("incubator", created(token, "/api/v1/incubators", Map.of("name", "牟子镇社会组织服务站", "level", "TOWNSHIP",
                "divisionCode", MUZI, "type", "SERVICE_STATION", "services", List.of("INCUBATION"), "openedOn", "2023-09-01")));
        paths.put("hub-demonstration", created(token, "/api/v1/hub-demonstrations", Map.of("organizationId",
                organization.toString(), "certifiedOn", "2024-10-01", "certifyingLevel", "CITY")));
        paths.put("venue-support", created(token, "/api/v1/venue-supports", Map.of("organizationId", organization.toString(),
                "venue", "牟子场社区活动室", "providingDivisionCode", MUZI + "001", "fromDate", "2024-01-01", "floorAreaM2", 30)));
        paths.put("funding", created(token, "/api/v1/fundings", Map.of("organizationId", organization.toString(),
                "channel", "VENTURE_PHILANTHROPY", "amountFen", 300_000, "year", 2024, "projectTitle", "邻里互助项目")));
        paths.put("organization", organization.toString());
        return paths;
    }

    /**
     * Bodies of the five corrections of {@link #records}, without a version: the n-th correction (1 to 9) of each
     * changes something (a correction that changes nothing is no change).
     */
    private static Map<String, Map<String, Object>> corrections(Map<String, String> records, int n) {
        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        bodies.put("federation", Map.of("organizationId", records.get("organization"), "name", "牟子镇联合会" + n,
                "establishedOn", "2024-03-02", "reason", "更正"));
        bodies.put("incubator", Map.of("name", "牟子镇社会组织服务站（更正" + n + "）", "type", "SERVICE_STATION",
                "services", List.of("INCUBATION", "TRAINING"), "openedOn", "2023-09-02", "reason", "更正"));
        bodies.put("hub-demonstration", Map.of("certifiedOn", "2024-10-0" + (n + 1), "reason", "更正"));
        bodies.put("venue-support", Map.of("venue", "牟子场社区活动室（更正" + n + "）", "fromDate", "2024-01-02",
                "floorAreaM2", 31, "reason", "更正"));
        bodies.put("funding", Map.of("channel", "VENTURE_PHILANTHROPY", "amountFen", 310_000 + n, "year", 2024,
                "projectTitle", "邻里互助项目", "reason", "更正"));
        return bodies;
    }

    private static Map<String, Object> correction(Map<String, String> records, String kind, int n) {
        return corrections(records, n).get(kind);
    }

    private static String created(String token, String path, Map<String, Object> body) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path).then()
                .statusCode(201).header("ETag", "\"1\"").extract().path("id");
        return path + "/" + id;
    }

    private static long events(String path) throws Exception {
        return ServiceDatabase.count("select count(*) from outbox_event where aggregate_id = '"
                + path.substring(path.lastIndexOf('/') + 1) + "'");
    }
}
