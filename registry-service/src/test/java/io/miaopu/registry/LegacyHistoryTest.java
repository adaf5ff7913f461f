package io.miaopu.registry;

import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History written before V5 moved it from organization_change into change_log (the test-only
 * migration V4_9 writes it as the old code did) answers, after the move, exactly as it answered
 * before: every entry, every field, every value.
 */
@QuarkusTest
class LegacyHistoryTest {

    private static final String ID = "0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f";
    private static final String V1 = "{\"id\":\"" + ID + "\",\"name\":\"迁移前邻里互助会\",\"creditCode\":\"51511102MJQ0000017\","
            + "\"legalForm\":\"SOCIAL_GROUP\",\"managementClass\":\"REGISTERED\",\"category\":\"FUNCTIONAL_SERVICE\","
            + "\"subcategory\":\"LIFE_SERVICE\",\"serviceAreas\":[\"ELDERLY_CARE\",\"HEALTH_CARE\"],\"communityCode\":\"511102004001\","
            + "\"registeredOn\":\"2023-04-12\",\"establishedOn\":\"2023-03-01\",\"leader\":{\"name\":\"王秀英\",\"phone\":\"13800001234\"},"
            + "\"memberCount\":%d,\"hubType\":false,\"charterAdopted\":true,\"status\":\"%s\",\"statusReason\":%s,"
            + "\"statusEffectiveOn\":\"%s\",\"version\":%d,\"createdAt\":\"%s\",\"updatedAt\":\"%s\"}";

    private static String state(int members, String status, String reason, String since, int version, String created,
                                String updated) {
        return V1.formatted(members, status, reason == null ? "null" : "\"" + reason + "\"", since, version, created, updated);
    }

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void historyWrittenBeforeTheMoveAnswersAsBefore() throws Exception {
        assertEquals(0L, ServiceDatabase.count("select count(*) from pg_tables where tablename = 'organization_change'"),
                "the old history table is gone");
        assertEquals(3L, ServiceDatabase.count("select count(*) from change_log where aggregate_type = 'organization' "
                + "and aggregate_id = '" + ID + "'"));
        String expected = "["
                + "{\"version\":1,\"changeType\":\"REGISTERED\",\"changedBy\":\"clerk-dafo\","
                + "\"changedAt\":\"2025-03-01T02:03:04.123456Z\",\"reason\":null,\"changedFields\":[],\"before\":null,"
                + "\"after\":" + state(25, "ACTIVE", null, "2023-04-12", 1, "2025-03-01T02:03:04.123456789Z",
                "2025-03-01T02:03:04.123456789Z") + "},"
                + "{\"version\":2,\"changeType\":\"UPDATED\",\"changedBy\":\"clerk-dafo\","
                + "\"changedAt\":\"2025-03-02T03:04:05.987654Z\",\"reason\":null,\"changedFields\":[\"memberCount\"],"
                + "\"before\":" + state(25, "ACTIVE", null, "2023-04-12", 1, "2025-03-01T02:03:04.123456Z",
                "2025-03-01T02:03:04.123456Z") + ","
                + "\"after\":" + state(30, "ACTIVE", null, "2023-04-12", 2, "2025-03-01T02:03:04.123456Z",
                "2025-03-02T03:04:05.987654321Z") + "},"
                + "{\"version\":3,\"changeType\":\"STATUS_CHANGED\",\"changedBy\":\"clerk-dafo\","
                + "\"changedAt\":\"2025-03-05T06:07:08.654321Z\",\"reason\":\"连续一年未开展活动\","
                + "\"changedFields\":[\"status\",\"statusEffectiveOn\",\"statusReason\"],"
                + "\"before\":" + state(30, "ACTIVE", null, "2023-04-12", 2, "2025-03-01T02:03:04.123456Z",
                "2025-03-02T03:04:05.987654Z") + ","
                + "\"after\":" + state(30, "ABNORMAL", "连续一年未开展活动", "2024-01-15", 3, "2025-03-01T02:03:04.123456Z",
                "2025-03-05T06:07:08.654321Z") + "}"
                + "]";
        String answer = given().auth().oauth2(token("clerk-dafo")).when().get(BASE + "/" + ID + "/history").then()
                .statusCode(200).contentType(ContentType.JSON).extract().asString();
        ObjectMapper json = new ObjectMapper();
        JsonNode actual = json.readTree(answer);
        assertEquals(json.readTree(expected), actual, answer);
        // the fields of each entry in the order clients have always read them
        for (JsonNode entry : actual) {
            java.util.List<String> names = new java.util.ArrayList<>();
            entry.fieldNames().forEachRemaining(names::add);
            assertEquals(java.util.List.of("version", "changeType", "changedBy", "changedAt", "reason", "changedFields", "before",
                    "after"), names);
        }
    }
}
