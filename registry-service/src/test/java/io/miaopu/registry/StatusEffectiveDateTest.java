package io.miaopu.registry;

import static io.miaopu.chassis.testing.ServiceDatabase.count;
import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.filed;
import static io.miaopu.registry.RegistryTestSupport.footprint;
import static io.miaopu.registry.RegistryTestSupport.name;
import static io.miaopu.registry.RegistryTestSupport.registered;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.registry.domain.Classification.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status changes dated by the day they took effect (effectiveOn), and corrections of that day. */
@QuarkusTest
class StatusEffectiveDateTest {

    private static final String STATUS_CHANGED = "io.miaopu.registry.organization.status-changed.v1";

    @Inject
    EventSchemas schemas;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void aNewOrganizationIsActiveSinceItWasRegisteredAndAChangeWithoutADateTakesEffectTodayInChina() throws Exception {
        String clerk = token("clerk-dafo");
        String id = OrganizationLifecycleTest.create(clerk, registered(name("生效日默认"), DAFO_URBAN));
        given().auth().oauth2(clerk).when().get(BASE + "/" + id).then().statusCode(200)
                .body("statusEffectiveOn", equalTo("2023-04-12"));
        assertEquals("2023-04-12", lastEvent(id, "io.miaopu.registry.organization.registered.v1").get("statusEffectiveOn").asText());

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        change(clerk, id, body("ABNORMAL", "连续一年未开展活动", null)).statusCode(200)
                .body("status", equalTo("ABNORMAL")).body("statusEffectiveOn", equalTo(today));
        JsonNode event = lastEvent(id, STATUS_CHANGED);
        assertEquals(today, event.get("statusEffectiveOn").asText());
        given().auth().oauth2(clerk).when().get(BASE + "/" + id + "/history").then().statusCode(200)
                .body("after.statusEffectiveOn", contains("2023-04-12", today))
                .body("changedFields[1]", contains("status", "statusEffectiveOn", "statusReason"));
    }

    @Test
    void aPastDayIsStoredAndPublished() throws Exception {
        String clerk = token("clerk-dafo");
        String id = OrganizationLifecycleTest.create(clerk, filed(name("注销日在前"), DAFO_URBAN));
        change(clerk, id, body("DEREGISTERED", "2025 年底自行解散", "2025-12-20")).statusCode(200)
                .body("status", equalTo("DEREGISTERED")).body("statusEffectiveOn", equalTo("2025-12-20"));
        given().auth().oauth2(clerk).when().get(BASE + "/" + id).then().statusCode(200)
                .body("statusEffectiveOn", equalTo("2025-12-20"));
        assertEquals("2025-12-20", ServiceDatabase.single("select cast(status_effective_on as text) from organization where id = '"
                + id + "'"));
        JsonNode event = lastEvent(id, STATUS_CHANGED);
        assertEquals("DEREGISTERED", event.get("status").asText());
        assertEquals("2025-12-20", event.get("statusEffectiveOn").asText());
        given().auth().oauth2(clerk).when().get(BASE + "/" + id + "/history").then().statusCode(200)
                .body("after.statusEffectiveOn", hasItem("2025-12-20"));
    }

    @Test
    void aDayInTheFutureOrBeforeTheRegistrationIsRefusedAndWritesNothing() throws Exception {
        String clerk = token("clerk-dafo");
        String id = OrganizationLifecycleTest.create(clerk, registered(name("日期不对"), DAFO_URBAN)); // registered 2023-04-12
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        String before = footprint();

        change(clerk, id, body("SUSPENDED", "明天才暂停", tomorrow)).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("effectiveOn")));
        change(clerk, id, body("SUSPENDED", "登记前就暂停", "2023-04-11")).statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("effectiveOn")));
        change(clerk, id, body("SUSPENDED", "不是日期", "2025-13-01")).statusCode(400);

        assertEquals(before, footprint());
        given().auth().oauth2(clerk).when().get(BASE + "/" + id).then().statusCode(200)
                .body("version", equalTo(1)).body("status", equalTo("ACTIVE")).body("statusEffectiveOn", equalTo("2023-04-12"));
        assertEquals(1, count("select count(*) from change_log where aggregate_type = 'organization' and aggregate_id = '" + id + "'"));
        // The registration day itself is accepted.
        change(clerk, id, body("SUSPENDED", "登记当天即暂停", "2023-04-12")).statusCode(200)
                .body("statusEffectiveOn", equalTo("2023-04-12"));
    }

    @Test
    void theSameStatusWithAnotherDayCorrectsTheDayAndTheSameDayIsRefused() throws Exception {
        String clerk = token("clerk-dafo");
        String id = OrganizationLifecycleTest.create(clerk, registered(name("更正生效日"), DAFO_URBAN));
        change(clerk, id, body("ABNORMAL", "列入活动异常", "2025-06-30")).statusCode(200);

        String before = footprint();
        change(clerk, id, body("ABNORMAL", "同一天再次列入", "2025-06-30")).statusCode(422)
                .body("errors.field", equalTo(List.of("status")));
        assertEquals(before, footprint());

        change(clerk, id, body("ABNORMAL", "更正：实际于 2025-03-31 列入活动异常", "2025-03-31")).statusCode(200)
                .body("status", equalTo("ABNORMAL")).body("statusEffectiveOn", equalTo("2025-03-31")).body("version", equalTo(3));
        given().auth().oauth2(clerk).when().get(BASE + "/" + id + "/history").then().statusCode(200)
                .body("changeType", contains("REGISTERED", "STATUS_CHANGED", "STATUS_CHANGED"))
                .body("reason[2]", equalTo("更正：实际于 2025-03-31 列入活动异常"))
                .body("before[2].statusEffectiveOn", equalTo("2025-06-30"))
                .body("after[2].statusEffectiveOn", equalTo("2025-03-31"))
                .body("after.status", contains("ACTIVE", "ABNORMAL", "ABNORMAL"))
                .body("changedFields[2]", contains("statusEffectiveOn", "statusReason"));
        JsonNode event = lastEvent(id, STATUS_CHANGED);
        assertEquals("2025-03-31", event.get("statusEffectiveOn").asText());
        assertEquals(3, event.get("version").asLong());

        // 注销 is final, but its day can still be corrected.
        change(clerk, id, body("DEREGISTERED", "自行解散", "2025-11-01")).statusCode(200);
        change(clerk, id, body("DEREGISTERED", "更正注销日期", "2025-10-15")).statusCode(200)
                .body("statusEffectiveOn", equalTo("2025-10-15"));
        change(clerk, id, body("ACTIVE", "注销是终态", null)).statusCode(422);
    }

    @Test
    void onlyACorrectionLetsAStatusBecomeItself() {
        for (Status s : Status.values()) {
            assertEquals(false, s.mayBecome(s, false), s.name());
            assertTrue(s.mayBecome(s, true), s.name());
            for (Status other : Status.values()) {
                if (other != s) {
                    assertEquals(s.mayBecome(other), s.mayBecome(other, true), s + " → " + other);
                }
            }
        }
    }

    private static Map<String, Object> body(String status, String reason, String effectiveOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("reason", reason);
        if (effectiveOn != null) {
            body.put("effectiveOn", effectiveOn);
        }
        return body;
    }

    private static ValidatableResponse change(String token, String id, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(BASE + "/" + id + "/status-changes").then();
    }

    /** The organization's latest event of a type, validated against its schema. */
    private JsonNode lastEvent(String id, String type) throws Exception {
        String payload = ServiceDatabase.single("select payload::text from outbox_event where aggregate_id = '" + id
                + "' and type = '" + type + "' order by position desc limit 1");
        schemas.validate(type, payload);
        return json.readTree(payload);
    }
}
