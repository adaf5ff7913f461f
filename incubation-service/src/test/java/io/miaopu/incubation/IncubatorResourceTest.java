package io.miaopu.incubation;

import io.miaopu.chassis.testing.ServiceDatabase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Incubators at every level and their enrollments: levels, scope, dates, and one open enrollment per organization. */
@QuarkusTest
class IncubatorResourceTest {

    private static final String BASE = "/api/v1/incubators";
    private static UUID operator;
    private static UUID incubated;

    @Inject
    EventSchemas schemas;

    @BeforeAll
    static void organizations() throws Exception {
        operator = TestData.organization("市中区社会组织服务中心", "511102004003", "ACTIVE");
        incubated = TestData.organization("篦子街社区书画协会", "511102004001", "ACTIVE");
    }

    @Test
    void incubatorsAreOpenedAtTheirDivisionsLevelWithinTheCallersJurisdiction() throws Exception {
        String county = Tokens.user("county-shizhong");
        String countyIncubator = given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(open("市中区社区社会组织孵化基地", "COUNTY", "511102", operator, List.of("INCUBATION", "TRAINING")))
                .when().post(BASE).then()
                .statusCode(201)
                .body("level", equalTo("COUNTY"))
                .body("services", containsInAnyOrder("INCUBATION", "TRAINING"))
                .body("open", equalTo(true))
                .extract().path("id");
        schemas.validate("io.miaopu.incubation.incubator.opened.v1",
                ServiceDatabase.single("select payload::text from outbox_event where aggregate_id = '" + countyIncubator + "'"));

        long changes = ServiceDatabase.count("select count(*) from change_log where aggregate_type <> 'division'");
        // the level must be the division's
        rejected(county, open("x", "TOWNSHIP", "511102", null, List.of("INCUBATION")), 422, "divisionCode");
        // a clerk outside their township; an officer at the province
        given().auth().oauth2(Tokens.user("clerk-dafo")).contentType(ContentType.JSON)
                .body(open("通江街道服务站", "TOWNSHIP", "511102006", null, List.of("PARTY_BUILDING")))
                .when().post(BASE).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(open("四川省社会组织支持平台", "PROVINCE", "51", null, List.of("TRAINING")))
                .when().post(BASE).then().statusCode(403);
        // no services, a future date, an unknown operator
        rejected(county, open("x", "COUNTY", "511102", null, List.of()), 400, "services");
        Map<String, Object> future = open("x", "COUNTY", "511102", null, List.of("INCUBATION"));
        future.put("openedOn", LocalDate.now().plusDays(2).toString());
        rejected(county, future, 400, "openedOn");
        rejected(county, open("x", "COUNTY", "511102", UUID.randomUUID(), List.of("INCUBATION")), 422, "operatorOrganizationId");
        rejected(county, open("x", "COUNTY", "511102", null, List.of("SINGING")), 400, "services[0]");
        assertEquals(changes, ServiceDatabase.count("select count(*) from change_log where aggregate_type <> 'division'"), "refusals write nothing");

        String province = given().auth().oauth2(Tokens.user("city-admin")).contentType(ContentType.JSON)
                .body(open("四川省社会组织支持平台", "PROVINCE", "51", null, List.of("TRAINING", "PARTY_BUILDING")))
                .when().post(BASE).then().statusCode(201).extract().path("id");
        String township = given().auth().oauth2(Tokens.user("clerk-dafo")).contentType(ContentType.JSON)
                .body(open("大佛街道社会组织服务站", "TOWNSHIP", "511102004", null, List.of("PARTY_BUILDING")))
                .when().post(BASE).then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.user("clerk-dafo")).when().get(BASE).then()
                .statusCode(200).body("items.id", hasItems(province, township))
                .body("items.id", org.hamcrest.Matchers.not(hasItem(countyIncubator)));
        // asking for the province shows the province's platform, never more than the clerk's township
        given().auth().oauth2(Tokens.user("clerk-dafo")).when().get(BASE + "?division=51&size=500").then()
                .statusCode(200).body("items.id", hasItems(province, township))
                .body("items.id", org.hamcrest.Matchers.not(hasItem(countyIncubator)));
        given().auth().oauth2(Tokens.user("county-shizhong")).when().get(BASE + "?division=511102&type=INCUBATION_BASE").then()
                .statusCode(200).body("items.id", hasItem(countyIncubator));
        given().auth().oauth2(Tokens.user("county-jiajiang")).when().get(BASE + "/" + countyIncubator).then().statusCode(404);
        given().auth().oauth2(Tokens.user("county-jiajiang")).when().get(BASE + "/" + province).then().statusCode(200);
        given().auth().oauth2(Tokens.user("clerk-dafo")).when().get(BASE + "?open=maybe").then()
                .statusCode(400).body("errors.field", hasItem("open"));
    }

    @Test
    void organizationsAreEnrolledOnceAndGraduateOrWithdraw() throws Exception {
        String county = Tokens.user("county-shizhong");
        String id = given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(open("市中区孵化基地二期", "COUNTY", "511102", null, List.of("INCUBATION")))
                .when().post(BASE).then().statusCode(201).extract().path("id");
        Map<String, Object> early = Map.of("organizationId", incubated.toString(), "startedOn", "2020-01-01");
        given().auth().oauth2(county).contentType(ContentType.JSON).body(early)
                .when().post(BASE + "/" + id + "/enrollments").then()
                .statusCode(400).body("errors.field", hasItem("startedOn"));
        String enrollment = given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("organizationId", incubated.toString(), "startedOn", "2024-02-01"))
                .when().post(BASE + "/" + id + "/enrollments").then()
                .statusCode(201).extract().path("id");
        given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("organizationId", incubated.toString(), "startedOn", "2024-02-02"))
                .when().post(BASE + "/" + id + "/enrollments").then()
                .statusCode(409).body("errors.field", hasItem("organizationId"));
        given().auth().oauth2(county).contentType(ContentType.JSON).body(Map.of("closedOn", "2024-06-01", "reason", "x"))
                .when().post(BASE + "/" + id + "/close").then().statusCode(409);
        given().auth().oauth2(county).contentType(ContentType.JSON).body(Map.of("endedOn", "2024-01-01"))
                .when().post(BASE + "/" + id + "/enrollments/" + enrollment + "/graduate").then()
                .statusCode(400).body("errors.field", hasItem("endedOn"));
        given().auth().oauth2(county).contentType(ContentType.JSON).body(Map.of("endedOn", "2024-12-01", "reason", "孵化期满"))
                .when().post(BASE + "/" + id + "/enrollments/" + enrollment + "/graduate").then()
                .statusCode(200).body("outcome", equalTo("GRADUATED")).body("version", equalTo(2));
        given().auth().oauth2(county).contentType(ContentType.JSON).body(Map.of("endedOn", "2024-12-02"))
                .when().post(BASE + "/" + id + "/enrollments/" + enrollment + "/withdraw").then().statusCode(409);
        schemas.validate("io.miaopu.incubation.enrollment.graduated.v1", ServiceDatabase.single(
                "select payload::text from outbox_event where aggregate_id = '" + enrollment + "' and type like '%graduated%'"));
        given().auth().oauth2(county).when().get(BASE + "/" + id + "/enrollments").then()
                .statusCode(200).body("[0].outcome", equalTo("GRADUATED"));
        given().auth().oauth2(county).when().get(BASE + "/" + id + "/enrollments/" + enrollment + "/history").then()
                .statusCode(200).body("changeType", org.hamcrest.Matchers.contains("STARTED", "GRADUATED"));
        given().auth().oauth2(Tokens.user("county-jiajiang")).when().get(BASE + "/" + id + "/enrollments/" + enrollment).then()
                .statusCode(404);
        given().auth().oauth2(county).contentType(ContentType.JSON).body(Map.of("closedOn", "2025-01-01", "reason", "合并"))
                .when().post(BASE + "/" + id + "/close").then().statusCode(200).body("open", equalTo(false));
        given().auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("organizationId", incubated.toString(), "startedOn", "2025-02-01"))
                .when().post(BASE + "/" + id + "/enrollments").then().statusCode(409);
        given().auth().oauth2(county).when().get(BASE + "/" + id + "/history").then()
                .statusCode(200).body("changeType", org.hamcrest.Matchers.contains("OPENED", "CLOSED"));
    }

    private static void rejected(String token, Map<String, Object> body, int status, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(BASE).then()
                .statusCode(status).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private static Map<String, Object> open(String name, String level, String division, UUID operator, List<String> services) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("level", level);
        body.put("divisionCode", division);
        body.put("type", "INCUBATION_BASE");
        if (operator != null) {
            body.put("operatorOrganizationId", operator.toString());
        }
        body.put("services", services);
        body.put("openedOn", "2023-09-01");
        return body;
    }
}
