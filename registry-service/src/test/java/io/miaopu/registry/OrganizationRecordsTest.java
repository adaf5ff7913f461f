package io.miaopu.registry;

import io.miaopu.chassis.testing.ServiceDatabase;
import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.chassis.testing.ServiceDatabase.column;
import static io.miaopu.registry.RegistryTestSupport.footprint;
import static io.miaopu.registry.RegistryTestSupport.name;
import static io.miaopu.registry.RegistryTestSupport.registered;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.miaopu.chassis.events.EventSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Activities, major-activity reports, work reports and evaluations, Party liaison: rules, scope, events. */
@QuarkusTest
class OrganizationRecordsTest {

    @Inject
    EventSchemas schemas;

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void recordsAreAppendedWithTheirEventsAndBadOnesAreRefused() throws Exception {
        String clerk = token("clerk-dafo");
        String id = OrganizationLifecycleTest.create(clerk, registered(name("邻里守望志愿队"), DAFO_URBAN));
        String base = BASE + "/" + id;
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("theme", "NEIGHBOUR_CARE", "heldOn", "2024-03-05", "description", "为空巢老人上门送餐",
                        "beneficiaries", List.of(Map.of("group", "EMPTY_NEST_ELDERLY", "count", 12),
                                Map.of("group", "DISABLED", "count", 3))))
                .when().post(base + "/activities").then()
                .statusCode(201).body("beneficiaryTotal", equalTo(15)).body("recordedBy", equalTo("clerk-dafo"));
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("kind", "FESTIVAL", "title", "重阳节游园", "plannedOn", today.plusDays(10).toString(),
                        "expectedAttendance", 300, "venue", "社区广场"))
                .when().post(base + "/major-activity-reports").then().statusCode(201);
        String report = given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("period", "2024-H1", "content", "上半年开展活动 6 次"))
                .when().post(base + "/work-reports").then().statusCode(201).extract().path("id");
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("evaluator", "TWO_COMMITTEES", "rating", "GOOD", "comment", "工作扎实"))
                .when().post(base + "/work-reports/" + report + "/evaluations").then()
                .statusCode(201).body("evaluatedOn", equalTo(today.toString()));
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("evaluator", "RESIDENTS", "rating", "EXCELLENT"))
                .when().post(base + "/work-reports/" + report + "/evaluations").then().statusCode(201);
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("evaluator", "RESIDENTS", "rating", "FAIR"))
                .when().post(base + "/work-reports/" + report + "/evaluations").then().statusCode(201);
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("liaison", "张建华", "partyOrganization", "篦子街社区党委", "since", "2023-01-01"))
                .when().post(base + "/party-liaisons").then().statusCode(201);

        String before = footprint() + records();
        refused(clerk, base + "/activities", Map.of("theme", "CULTURE", "heldOn", today.plusDays(1).toString(),
                "description", "x"), 400, "heldOn");
        refused(clerk, base + "/activities", Map.of("theme", "CULTURE", "heldOn", "2024-03-05", "description", "x",
                "beneficiaries", List.of(Map.of("group", "DISABLED", "count", 0), Map.of("group", "DISABLED", "count", 2))),
                400, "beneficiaries[0].count", "beneficiaries[1].group");
        refused(clerk, base + "/activities", Map.of("theme", "DANCING", "heldOn", "2024-03-05", "description", "x"), 400, "theme");
        refused(clerk, base + "/activities", Map.of("theme", "CULTURE", "heldOn", "2001-01-01", "description", "x"), 422, "heldOn");
        refused(clerk, base + "/major-activity-reports", Map.of("kind", "SPORTS", "title", "篮球赛",
                "plannedOn", today.toString(), "expectedAttendance", 50, "venue", "球场"), 400, "plannedOn");
        refused(clerk, base + "/major-activity-reports", Map.of("kind", "SPORTS", "title", "篮球赛",
                "plannedOn", today.plusDays(3).toString(), "expectedAttendance", 0, "venue", " "), 400, "expectedAttendance", "venue");
        refused(clerk, base + "/work-reports", Map.of("period", "2024-H1", "content", "重复"), 409, "period");
        refused(clerk, base + "/work-reports", Map.of("period", "2024-Q5", "content", "x"), 400, "period");
        refused(clerk, base + "/work-reports", Map.of("period", (today.getYear() + 1) + "", "content", "x"), 400, "period");
        refused(clerk, base + "/work-reports/" + report + "/evaluations", Map.of("evaluator", "TWO_COMMITTEES", "rating", "POOR"),
                409, "evaluator");
        refused(clerk, base + "/work-reports/" + report + "/evaluations", Map.of("evaluator", "RESIDENTS", "rating", "SUPERB"),
                400, "rating");
        refused(clerk, base + "/party-liaisons", Map.of("liaison", "", "partyOrganization", "党委",
                "since", today.plusDays(1).toString()), 400, "liaison", "since");
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("evaluator", "RESIDENTS", "rating", "GOOD"))
                .when().post(base + "/work-reports/" + java.util.UUID.randomUUID() + "/evaluations").then().statusCode(404);
        // outside the jurisdiction: not visible to another township's clerk, not writable by the provincial platform
        given().auth().oauth2(token("clerk-tongjiang")).contentType(ContentType.JSON)
                .body(Map.of("period", "2024-H2", "content", "x")).when().post(base + "/work-reports").then().statusCode(404);
        given().auth().oauth2(token("province-platform")).contentType(ContentType.JSON)
                .body(Map.of("period", "2024-H2", "content", "x")).when().post(base + "/work-reports").then().statusCode(403);
        assertEquals(before, footprint() + records(), "refusals write nothing");

        given().auth().oauth2(token("county-shizhong")).when().get(base + "/activities").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].beneficiaries.group",
                        contains("EMPTY_NEST_ELDERLY", "DISABLED"));
        given().auth().oauth2(token("province-platform")).when().get(base + "/work-reports/" + report + "/evaluations").then()
                .statusCode(200).body("total", equalTo(3)).body("items.evaluator", hasItem("TWO_COMMITTEES"));
        given().auth().oauth2(clerk).when().get(base + "/major-activity-reports").then().body("total", equalTo(1));
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("period", "2024", "content", "年度报告"))
                .when().post(base + "/work-reports").then().statusCode(201);
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("period", "2024-05", "content", "五月报告"))
                .when().post(base + "/work-reports").then().statusCode(201);
        given().auth().oauth2(clerk).when().get(base + "/work-reports").then()
                .body("total", equalTo(3)).body("items.period", contains("2024-05", "2024", "2024-H1"));
        given().auth().oauth2(clerk).when().get(base + "/party-liaisons").then().body("items[0].liaison", equalTo("张建华"));
        given().auth().oauth2(token("clerk-tongjiang")).when().get(base + "/activities").then().statusCode(404);

        List<String> types = List.of("activity.recorded", "major-activity.reported", "work-report.submitted",
                "evaluation.recorded", "party-liaison.recorded");
        for (String fact : types) {
            String type = "io.miaopu.registry." + fact + ".v1";
            List<String> payloads = column("select payload::text from outbox_event where aggregate_id = '" + id
                    + "' and type = '" + type + "'");
            assertEquals(fact.equals("evaluation.recorded") || fact.equals("work-report.submitted") ? 3 : 1, payloads.size(), type);
            for (String payload : payloads) {
                schemas.validate(type, payload);
                assertFalse(payload.contains("张建华") || payload.contains("王秀英") || payload.contains("13800001234"), payload);
            }
        }

        // nothing more is recorded for a deregistered organization
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("status", "DEREGISTERED", "reason", "解散"))
                .when().post(base + "/status-changes").then().statusCode(200);
        refused(clerk, base + "/work-reports", Map.of("period", "2024-H2", "content", "x"), 409);
    }

    private static String records() throws Exception {
        return ServiceDatabase.single("select (select count(*) from activity) || '/' || (select count(*) from "
                + "major_activity_report) || '/' || (select count(*) from work_report) || '/' || (select count(*) from evaluation)"
                + " || '/' || (select count(*) from party_liaison)");
    }

    private static void refused(String token, String path, Map<String, Object> body, int status, String... fields) {
        var response = given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(path).then()
                .statusCode(status).contentType("application/problem+json");
        if (fields.length > 0) {
            response.body("errors.field", org.hamcrest.Matchers.containsInAnyOrder(fields));
        }
    }
}
