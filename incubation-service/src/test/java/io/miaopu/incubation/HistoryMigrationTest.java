package io.miaopu.incubation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Migration V7 moves the old history tables (structure_change, division_change) into change_log: a history
 * answer is the same text after the move as before it. The old tables are rebuilt as V2, V4 and V6 left them, the
 * history of a few aggregates moved back into them, and V7 run again.
 */
@QuarkusTest
class HistoryMigrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String OLD_TABLES = """
            CREATE TABLE structure_change (
                id              BIGSERIAL   PRIMARY KEY,
                structure_type  TEXT        NOT NULL,
                structure_id    UUID        NOT NULL,
                change_type     TEXT        NOT NULL,
                version         BIGINT      NOT NULL,
                before_state    JSONB,
                after_state     JSONB       NOT NULL,
                reason          TEXT,
                changed_by      TEXT        NOT NULL,
                changed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
            );
            CREATE TABLE division_change (
                id           BIGSERIAL   PRIMARY KEY,
                code         TEXT        NOT NULL REFERENCES division (code),
                change_type  TEXT        NOT NULL CHECK (change_type IN ('SEEDED', 'CREATED', 'RENAMED', 'RETIRED', 'REASSIGNED')),
                revision     BIGINT      NOT NULL,
                before_state JSONB,
                after_state  JSONB       NOT NULL,
                reason       TEXT,
                changed_by   TEXT        NOT NULL,
                changed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
                effective_on DATE
            );
            """;

    @Test
    void aHistoryAnswersTheSameAfterV7MovedIt() throws Exception {
        String county = Tokens.user("county-shizhong");
        String admin = Tokens.user("city-admin");
        UUID organization = TestData.organization("大佛街道迁移测试协会", "511102004006", "ACTIVE");
        String demonstration = "/api/v1/hub-demonstrations/" + given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("organizationId", organization.toString(), "certifiedOn", "2024-10-01", "certifyingLevel", "COUNTY"))
                .when().post("/api/v1/hub-demonstrations").then().statusCode(201).extract().path("id");
        given().auth().oauth2(county).contentType(ContentType.JSON).body(Map.of("revokedOn", "2025-09-01", "reason", "复核不合格"))
                .when().post(demonstration + "/revoke").then().statusCode(200);
        String division = "/api/v1/divisions/511126001252";
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", "511126001252", "name", "迁移测试村", "level", "VILLAGE", "parentCode", "511126001",
                        "reason", "新设", "effectiveOn", "2025-01-01"))
                .when().post("/api/v1/divisions").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "迁移更名村", "reason", "更名"))
                .when().post(division + "/rename").then().statusCode(200);
        // retired again, so the seeded counts stay as they were
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "测试结束"))
                .when().post(division + "/retire").then().statusCode(200);
        String seeded = "/api/v1/divisions/511126002";
        String demonstrationBefore = history(county, demonstration + "/history");
        String divisionBefore = history(admin, division + "/history");
        String seededBefore = history(admin, seeded + "/history");

        String demonstrationId = demonstration.substring(demonstration.lastIndexOf('/') + 1);
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            db.createStatement().execute(OLD_TABLES
                    // as the old code wrote them
                    + "INSERT INTO structure_change (structure_type, structure_id, change_type, version, before_state, "
                    + "after_state, reason, changed_by, changed_at) SELECT aggregate_type, cast(aggregate_id AS uuid), change_type, "
                    + "version, before, after, reason, changed_by, changed_at FROM change_log WHERE aggregate_type = "
                    + "'hub-demonstration' AND aggregate_id = '" + demonstrationId + "' ORDER BY id;"
                    + "INSERT INTO division_change (code, change_type, revision, before_state, after_state, reason, changed_by, "
                    + "changed_at, effective_on) SELECT aggregate_id, change_type, version, before, after, reason, changed_by, "
                    + "changed_at, cast(after ->> 'effectiveOn' AS date) FROM change_log WHERE aggregate_type = 'division' "
                    + "AND aggregate_id = '511126001252' ORDER BY id;"
                    // a seeded division's entry as written before effective days existed: no effectiveOn in its state
                    + "INSERT INTO division_change (code, change_type, revision, before_state, after_state, reason, changed_by, "
                    + "changed_at, effective_on) SELECT aggregate_id, change_type, version, before, after - 'effectiveOn', reason, "
                    + "changed_by, changed_at, NULL FROM change_log WHERE aggregate_type = 'division' AND aggregate_id = '511126002' "
                    + "ORDER BY id;"
                    + "DELETE FROM change_log WHERE (aggregate_type = 'hub-demonstration' AND aggregate_id = '" + demonstrationId
                    + "') OR (aggregate_type = 'division' AND aggregate_id IN ('511126001252', '511126002'));");
            db.createStatement().execute(v7());
            db.commit();
        }

        assertEquals(demonstrationBefore, history(county, demonstration + "/history"));
        assertEquals(divisionBefore, history(admin, division + "/history"));
        // the seeded entry lost only the effectiveOn of its state (as written before V6); it still took effect since always
        ArrayNode expected = (ArrayNode) JSON.readTree(seededBefore);
        ((ObjectNode) expected.get(0).get("after")).remove("effectiveOn");
        assertEquals(expected, JSON.readTree(history(admin, seeded + "/history")));
    }

    @Test
    void anEntryWrittenBeforeV6TookEffectTheDayItWasRecorded() throws Exception {
        String admin = Tokens.user("city-admin");
        String division = "/api/v1/divisions/511126001253";
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", "511126001253", "name", "旧日测试村", "level", "VILLAGE", "parentCode", "511126001",
                        "reason", "新设", "effectiveOn", "2025-01-01"))
                .when().post("/api/v1/divisions").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("reason", "测试结束"))
                .when().post(division + "/retire").then().statusCode(200);
        JsonNode before = JSON.readTree(history(admin, division + "/history"));
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            // as V6 left entries written before it: no effectiveOn in the states, the day recorded (China Standard Time)
            db.createStatement().execute(OLD_TABLES
                    + "INSERT INTO division_change (code, change_type, revision, before_state, after_state, reason, changed_by, "
                    + "changed_at, effective_on) SELECT aggregate_id, change_type, version, before - 'effectiveOn', "
                    + "after - 'effectiveOn', reason, changed_by, changed_at, cast(changed_at AT TIME ZONE 'Asia/Shanghai' AS date) "
                    + "FROM change_log WHERE aggregate_type = 'division' AND aggregate_id = '511126001253' ORDER BY id;"
                    + "DELETE FROM change_log WHERE aggregate_type = 'division' AND aggregate_id = '511126001253';");
            db.createStatement().execute(v7());
            db.commit();
        }
        JsonNode after = JSON.readTree(history(admin, division + "/history"));
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            ObjectNode expected = before.get(i).deepCopy();
            String day = OffsetDateTime.parse(expected.get("changedAt").asText()).atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
                    .toLocalDate().toString();
            expected.put("effectiveOn", day);
            ((ObjectNode) expected.get("after")).remove("effectiveOn");
            if (expected.get("before").isObject()) {
                ((ObjectNode) expected.get("before")).remove("effectiveOn");
            }
            assertEquals(expected, after.get(i));
        }
    }

    private static String history(String token, String path) {
        return given().auth().oauth2(token).when().get(path).then().statusCode(200).extract().asString();
    }

    private static String v7() throws Exception {
        try (InputStream in = HistoryMigrationTest.class.getClassLoader().getResourceAsStream("db/migration/V7__change_log.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Connection connect() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}
