package io.miaopu.incubation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Changes of the hierarchy dated by the day they took effect; division.changed carries every dated version. */
@QuarkusTest
class DivisionEffectiveDateTest {

    private static final String BASE = "/api/v1/divisions";
    private static final String TYPE = "io.miaopu.incubation.division.changed.v1";
    /** 周坡镇 of 井研县, used by no other test. */
    private static final String TOWNSHIP = "511124104";

    @Inject
    EventSchemas schemas;
    @Inject
    ObjectMapper json;

    @Test
    void aTownshipReassignedFromADayInThePastKeepsBothSpellsInItsHistoryAndItsEvent() throws Exception {
        String admin = Tokens.user("city-admin");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String footprint = footprint();

        // A day in the future: a 400 naming effectiveOn, nothing written.
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("parentCode", "511129", "reason", "明天才划转", "effectiveOn", today.plusDays(1).toString()))
                .when().post(BASE + "/" + TOWNSHIP + "/reassign").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("effectiveOn")))
                .body("errors[0].messageZh", equalTo("不能晚于今天"));
        assertEquals(footprint, footprint(), "nothing written");

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("parentCode", "511129", "reason", "经省政府批复划归沐川县", "effectiveOn", "2026-01-01"))
                .when().post(BASE + "/" + TOWNSHIP + "/reassign").then()
                .statusCode(200)
                .body("parentCode", equalTo("511129"))
                .body("effectiveOn", equalTo("2026-01-01"))
                .body("revision", equalTo(2));
        given().auth().oauth2(admin).when().get(BASE + "/" + TOWNSHIP + "/history").then()
                .statusCode(200)
                .body("changeType", contains("SEEDED", "REASSIGNED"))
                .body("effectiveOn", contains(nullValue(), equalTo("2026-01-01")))
                .body("[1].before.parentCode", equalTo("511124"))
                .body("[1].after.parentCode", equalTo("511129"))
                .body("[1].after.effectiveOn", equalTo("2026-01-01"));

        JsonNode event = event(2);
        assertEquals("2026-01-01", event.get("effectiveOn").asText());
        assertEquals("511129", event.get("parentCode").asText());
        JsonNode versions = event.get("versions");
        assertEquals(2, versions.size(), versions.toString());
        assertTrue(versions.get(0).get("effectiveOn").isNull(), "the seeded state holds since always");
        assertEquals("511124", versions.get(0).get("parentCode").asText());
        assertEquals("周坡镇", versions.get(0).get("name").asText());
        assertEquals("2026-01-01", versions.get(1).get("effectiveOn").asText());
        assertEquals("511129", versions.get(1).get("parentCode").asText());
        assertTrue(versions.get(1).get("active").asBoolean());

        // Before the previous change took effect: a 422 naming effectiveOn, nothing written.
        footprint = footprint();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "周坡镇（更名）", "reason", "更名", "effectiveOn", "2025-12-31"))
                .when().post(BASE + "/" + TOWNSHIP + "/rename").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("effectiveOn")));
        assertEquals(footprint, footprint(), "nothing written");

        // Without a day: today (China Standard Time); the event now carries three spells.
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "周坡镇（更名）", "reason", "更名"))
                .when().post(BASE + "/" + TOWNSHIP + "/rename").then()
                .statusCode(200).body("effectiveOn", equalTo(today.toString()));
        JsonNode renamed = event(3);
        assertEquals(today.toString(), renamed.get("effectiveOn").asText());
        List<String> names = new java.util.ArrayList<>();
        renamed.get("versions").forEach(v -> names.add(v.get("name").asText() + "@" + v.get("parentCode").asText()
                + "@" + v.get("effectiveOn").asText()));
        assertEquals(List.of("周坡镇@511124@null", "周坡镇@511129@2026-01-01", "周坡镇（更名）@511129@" + today), names);
        assertEquals(today.toString(), ServiceDatabase.single("select cast(effective_on as text) from division where code = '"
                + TOWNSHIP + "'"));
    }

    /** The division's event of a revision, validated against its schema. */
    private JsonNode event(int revision) throws Exception {
        String payload = ServiceDatabase.single("select payload::text from outbox_event where aggregate_id = '" + TOWNSHIP
                + "' and type = '" + TYPE + "' and payload->>'revision' = '" + revision + "'");
        schemas.validate(TYPE, payload);
        return json.readTree(payload);
    }

    private static String footprint() throws Exception {
        return ServiceDatabase.single("select (select count(*) from change_log where aggregate_type = 'division') || '/' || (select count(*) from outbox_event)"
                + " || '/' || (select revision from division where code = '" + TOWNSHIP + "')");
    }
}
