package io.miaopu.registry;

import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.name;
import static io.miaopu.registry.RegistryTestSupport.registered;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history answer, entry by entry and field by field, for an organization registered, corrected
 * and listed as abnormal: what clients have read from /history since the first release. It fails if
 * the stored state, the field list of an entry or any value changes shape.
 */
@QuarkusTest
class HistoryShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENTRY = List.of("version", "changeType", "changedBy", "changedAt", "reason",
            "changedFields", "before", "after");
    private static final List<String> STATE = List.of("id", "name", "creditCode", "legalForm", "managementClass", "category",
            "subcategory", "serviceAreas", "communityCode", "registeredOn", "establishedOn", "leader", "memberCount", "hubType",
            "charterAdopted", "status", "statusReason", "statusEffectiveOn", "version", "createdAt", "updatedAt");

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void everyEntryKeepsItsFieldsAndValues() throws Exception {
        String clerk = token("clerk-dafo");
        Map<String, Object> body = registered(name("历史形状互助会"), DAFO_URBAN);
        String id = given().auth().oauth2(clerk).contentType(ContentType.JSON).body(body)
                .when().post(BASE).then().statusCode(201).extract().path("id");
        JsonNode v1 = read(given().auth().oauth2(clerk).when().get(BASE + "/" + id).then().statusCode(200).extract().asString());
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"1\"")
                .body(Map.of("memberCount", 30, "leader", Map.of("phone", "0833-2123456")))
                .when().patch(BASE + "/" + id).then().statusCode(200);
        JsonNode v2 = read(given().auth().oauth2(clerk).when().get(BASE + "/" + id).then().statusCode(200).extract().asString());
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("status", "ABNORMAL", "reason", "连续一年未开展活动", "effectiveOn", "2024-01-15"))
                .when().post(BASE + "/" + id + "/status-changes").then().statusCode(200);
        JsonNode v3 = read(given().auth().oauth2(clerk).when().get(BASE + "/" + id).then().statusCode(200).extract().asString());

        JsonNode history = read(given().auth().oauth2(clerk).when().get(BASE + "/" + id + "/history").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString());
        assertEquals(3, history.size(), history.toString());

        // the first state, value by value, as registered
        ObjectNode expected = JSON.createObjectNode();
        expected.put("id", id).put("name", (String) body.get("name")).put("creditCode", (String) body.get("creditCode"))
                .put("legalForm", "SOCIAL_GROUP").put("managementClass", "REGISTERED").put("category", "FUNCTIONAL_SERVICE")
                .put("subcategory", "LIFE_SERVICE");
        expected.putArray("serviceAreas").add("ELDERLY_CARE").add("HEALTH_CARE");
        expected.put("communityCode", DAFO_URBAN).put("registeredOn", "2023-04-12").put("establishedOn", "2023-03-01");
        expected.putObject("leader").put("name", "王秀英").put("phone", "13800001234");
        expected.put("memberCount", 25).put("hubType", false).put("charterAdopted", true).put("status", "ACTIVE")
                .putNull("statusReason").put("statusEffectiveOn", "2023-04-12").put("version", 1);
        assertEquals(expected, withoutTimes(history.get(0).get("after")));

        entry(history.get(0), 1, "REGISTERED", null, List.of(), null, v1);
        entry(history.get(1), 2, "UPDATED", null, List.of("leader", "memberCount"), v1, v2);
        entry(history.get(2), 3, "STATUS_CHANGED", "连续一年未开展活动", List.of("status", "statusEffectiveOn", "statusReason"),
                v2, v3);
        assertEquals(30, history.get(1).get("after").get("memberCount").asInt());
        assertEquals("0833-2123456", history.get(1).get("after").get("leader").get("phone").asText());
        assertEquals("王秀英", history.get(1).get("after").get("leader").get("name").asText());
        assertEquals("ABNORMAL", history.get(2).get("after").get("status").asText());
        assertEquals("2024-01-15", history.get(2).get("after").get("statusEffectiveOn").asText());
        assertEquals("连续一年未开展活动", history.get(2).get("after").get("statusReason").asText());
    }

    /** One entry: its fields in order, its values, and before and after each the organization's whole state. */
    private static void entry(JsonNode entry, int version, String type, String reason, List<String> changed, JsonNode before,
                              JsonNode after) {
        assertEquals(ENTRY, names(entry), entry.toString());
        assertEquals(version, entry.get("version").asInt());
        assertTrue(entry.get("version").isIntegralNumber());
        assertEquals(type, entry.get("changeType").asText());
        assertEquals("clerk-dafo", entry.get("changedBy").asText());
        assertEquals(reason, entry.get("reason").isNull() ? null : entry.get("reason").asText());
        List<String> fields = new ArrayList<>();
        entry.get("changedFields").forEach(f -> fields.add(f.asText()));
        assertEquals(changed, fields);
        state(before, entry.get("before"));
        state(after, entry.get("after"));
        // the change happened when the state after it was last updated, written as GET writes updatedAt
        assertEquals(instant(entry.get("after").get("updatedAt")), instant(entry.get("changedAt")));
        assertEquals(after.get("updatedAt").asText(), entry.get("changedAt").asText());
    }

    /** A state as history keeps it: the fields of the organization as GET answers it, with the same values. */
    private static void state(JsonNode expected, JsonNode actual) {
        if (expected == null) {
            assertTrue(actual.isNull(), String.valueOf(actual));
            return;
        }
        assertEquals(new TreeSet<>(STATE), new TreeSet<>(names(actual)), actual.toString());
        assertEquals(withoutTimes(expected), withoutTimes(actual));
        assertEquals(instant(expected.get("createdAt")), instant(actual.get("createdAt")));
        assertEquals(instant(expected.get("updatedAt")), instant(actual.get("updatedAt")));
    }

    private static ObjectNode withoutTimes(JsonNode state) {
        ObjectNode copy = state.deepCopy();
        copy.remove("createdAt");
        copy.remove("updatedAt");
        return copy;
    }

    private static OffsetDateTime instant(JsonNode time) {
        assertTrue(time.isTextual(), String.valueOf(time));
        return OffsetDateTime.parse(time.asText()).toInstant().truncatedTo(ChronoUnit.MICROS).atOffset(java.time.ZoneOffset.UTC);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(String text) throws Exception {
        return JSON.readTree(text);
    }
}
