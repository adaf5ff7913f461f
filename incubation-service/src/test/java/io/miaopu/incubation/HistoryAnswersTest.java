package io.miaopu.incubation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The /history answers, entry by entry and field by field: they stay exactly as they are whatever table
 * keeps the history (issue 20 moves it into the chassis change_log). Each entry's state before and after
 * is the aggregate's own state record, never a REST response.
 */
@QuarkusTest
class HistoryAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHubDemonstrationCertifiedThenRevoked() throws Exception {
        String county = Tokens.user("county-shizhong");
        UUID organization = TestData.organization("大佛街道历史记录测试协会", "511102004005", "ACTIVE");
        String path = "/api/v1/hub-demonstrations";
        String id = given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "certifiedOn", "2024-10-01", "certifyingLevel", "COUNTY"))
                .when().post(path).then().statusCode(201).extract().path("id");
        String certifiedAt = given().auth().oauth2(county).when().get(path + "/" + id).then().statusCode(200)
                .extract().path("updatedAt");
        given().auth().oauth2(county).contentType(ContentType.JSON).body(Map.of("revokedOn", "2025-09-01", "reason", "复核不合格"))
                .when().post(path + "/" + id + "/revoke").then().statusCode(200);
        String revokedAt = given().auth().oauth2(county).when().get(path + "/" + id).then().statusCode(200)
                .extract().path("updatedAt");

        Map<String, Object> certified = new LinkedHashMap<>();
        certified.put("id", id);
        certified.put("organizationId", organization.toString());
        certified.put("divisionCode", "511102004005");
        certified.put("certifiedOn", "2024-10-01");
        certified.put("certifyingLevel", "COUNTY");
        certified.put("revokedOn", null);
        certified.put("version", 1);
        Map<String, Object> revoked = new LinkedHashMap<>(certified);
        revoked.put("revokedOn", "2025-09-01");
        revoked.put("version", 2);

        JsonNode history = read(given().auth().oauth2(county).when().get(path + "/" + id + "/history").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString());
        assertEquals(2, history.size(), history.toString());
        assertEquals(node(entry("CERTIFIED", "version", 1, null, certified, null, "county-shizhong", certifiedAt)), history.get(0));
        assertEquals(node(entry("REVOKED", "version", 2, certified, revoked, "复核不合格", "county-shizhong", revokedAt)),
                history.get(1));
    }

    @Test
    void aDivisionCreatedRenamedAndRetiredAndASeededOne() throws Exception {
        String admin = Tokens.user("city-admin");
        String base = "/api/v1/divisions";
        String code = "511126001251";
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", code, "name", "历史测试村", "level", "VILLAGE", "parentCode", "511126001",
                        "reason", "新设", "effectiveOn", "2025-01-01"))
                .when().post(base).then().statusCode(201);
        String createdAt = given().auth().oauth2(admin).when().get(base + "/" + code).then().extract().path("updatedAt");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "历史更名村", "reason", "更名", "effectiveOn", "2025-06-01"))
                .when().post(base + "/" + code + "/rename").then().statusCode(200);
        String renamedAt = given().auth().oauth2(admin).when().get(base + "/" + code).then().extract().path("updatedAt");
        // retired again (a community has nothing under it), so the seeded counts stay as they were
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "测试结束", "effectiveOn", "2025-07-01"))
                .when().post(base + "/" + code + "/retire").then().statusCode(200);
        String retiredAt = given().auth().oauth2(admin).when().get(base + "/" + code).then().extract().path("updatedAt");

        Map<String, Object> created = division(code, "历史测试村", true, 1, "2025-01-01");
        Map<String, Object> renamed = division(code, "历史更名村", true, 2, "2025-06-01");
        Map<String, Object> retired = division(code, "历史更名村", false, 3, "2025-07-01");
        JsonNode history = read(given().auth().oauth2(admin).when().get(base + "/" + code + "/history").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString());
        assertEquals(3, history.size(), history.toString());
        assertEquals(node(divisionEntry("CREATED", 1, "2025-01-01", null, created, "新设", createdAt)), history.get(0));
        assertEquals(node(divisionEntry("RENAMED", 2, "2025-06-01", created, renamed, "更名", renamedAt)), history.get(1));
        assertEquals(node(divisionEntry("RETIRED", 3, "2025-07-01", renamed, retired, "测试结束", retiredAt)), history.get(2));

        // a seeded division: its one entry, since always (when it was seeded is the migration's moment)
        JsonNode seeded = read(given().auth().oauth2(admin).when().get(base + "/511126/history").then()
                .statusCode(200).extract().asString());
        assertTrue(seeded.size() >= 1, seeded.toString());
        ObjectNode first = (ObjectNode) seeded.get(0);
        assertTrue(first.get("changedAt").isTextual(), first.toString());
        first.remove("changedAt");
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("code", "511126");
        state.put("name", "夹江县");
        state.put("level", "COUNTY");
        state.put("parentCode", "5111");
        state.put("kind", "COUNTY");
        state.put("active", true);
        state.put("revision", 1);
        state.put("effectiveOn", null);
        String reason = first.path("reason").isTextual() ? first.get("reason").asText() : null;
        Map<String, Object> expected = divisionEntry("SEEDED", 1, null, null, state, reason, null);
        expected.remove("changedAt");
        expected.put("changedBy", "migration");
        assertEquals(node(expected), first);
        assertEquals(7, first.size(), "changeType, revision, effectiveOn, before, after, reason, changedBy (changedAt removed)");
    }

    private static Map<String, Object> division(String code, String name, boolean active, int revision, String effectiveOn) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("code", code);
        state.put("name", name);
        state.put("level", "VILLAGE");
        state.put("parentCode", "511126001");
        state.put("kind", "RURAL_COMMUNITY");
        state.put("active", active);
        state.put("revision", revision);
        state.put("effectiveOn", effectiveOn);
        return state;
    }

    private static Map<String, Object> entry(String type, String versionField, int version, Object before, Object after,
                                             String reason, String by, String at) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("changeType", type);
        entry.put(versionField, version);
        entry.put("before", before);
        entry.put("after", after);
        entry.put("reason", reason);
        entry.put("changedBy", by);
        entry.put("changedAt", at);
        return entry;
    }

    private static Map<String, Object> divisionEntry(String type, int revision, String effectiveOn, Object before, Object after,
                                                     String reason, String at) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("changeType", type);
        entry.put("revision", revision);
        entry.put("effectiveOn", effectiveOn);
        entry.put("before", before);
        entry.put("after", after);
        entry.put("reason", reason);
        entry.put("changedBy", "city-admin");
        entry.put("changedAt", at);
        return entry;
    }

    private static JsonNode node(Object value) throws Exception {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    private static JsonNode read(String body) throws Exception {
        return JSON.readTree(body);
    }
}
