package io.miaopu.incubation;

import io.miaopu.chassis.testing.ServiceDatabase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hub demonstrations, venue support and funding: who may record them, and the input rules. */
@QuarkusTest
class SupportStructuresTest {

    private static UUID dafoOrg;
    private static UUID deregistered;

    @Inject
    EventSchemas schemas;

    @BeforeAll
    static void organizations() throws Exception {
        dafoOrg = TestData.organization("大佛街道志愿服务队", "511102004004", "ACTIVE");
        deregistered = TestData.organization("已注销的舞蹈队", "511102004001", "DEREGISTERED");
    }

    @Test
    void hubDemonstrationsAreCertifiedByTheCityOrTheOrganizationsCounty() throws Exception {
        String path = "/api/v1/hub-demonstrations";
        Map<String, Object> county = Map.of("organizationId", dafoOrg.toString(), "certifiedOn", "2024-10-01",
                "certifyingLevel", "COUNTY");
        given().auth().oauth2(Tokens.user("clerk-dafo")).contentType(ContentType.JSON).body(county)
                .when().post(path).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("county-jiajiang")).contentType(ContentType.JSON).body(county)
                .when().post(path).then().statusCode(403);
        given().auth().oauth2(Tokens.user("county-shizhong")).contentType(ContentType.JSON)
                .body(Map.of("organizationId", dafoOrg.toString(), "certifiedOn", "2024-10-01", "certifyingLevel", "CITY"))
                .when().post(path).then().statusCode(403);
        String id = given().auth().oauth2(Tokens.user("county-shizhong")).contentType(ContentType.JSON).body(county)
                .when().post(path).then().statusCode(201)
                .body("divisionCode", equalTo("511102004004")).body("current", equalTo(true))
                .extract().path("id");
        given().auth().oauth2(Tokens.user("city-admin")).contentType(ContentType.JSON).body(county)
                .when().post(path).then().statusCode(409).body("errors.field", hasItem("organizationId"));
        schemas.validate("io.miaopu.incubation.hub-demonstration.certified.v1",
                ServiceDatabase.single("select payload::text from outbox_event where aggregate_id = '" + id + "'"));
        given().auth().oauth2(Tokens.user("county-shizhong")).contentType(ContentType.JSON)
                .body(Map.of("revokedOn", "2024-09-01", "reason", "x"))
                .when().post(path + "/" + id + "/revoke").then().statusCode(400).body("errors.field", hasItem("revokedOn"));
        given().auth().oauth2(Tokens.user("county-shizhong")).contentType(ContentType.JSON)
                .body(Map.of("revokedOn", "2025-09-01", "reason", "复核不合格"))
                .when().post(path + "/" + id + "/revoke").then().statusCode(200).body("current", equalTo(false));
        given().auth().oauth2(Tokens.client("province-platform")).when().get(path + "?division=51").then()
                .statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void venueSupportIsProvidedByAStreetTownshipOrCommunity() throws Exception {
        String path = "/api/v1/venue-supports";
        String clerk = Tokens.user("clerk-dafo");
        long changes = ServiceDatabase.count("select count(*) from change_log where aggregate_type <> 'division'");
        rejected(clerk, path, venue("511102", "2024-01-01", null, "50"), 422, "providingDivisionCode");
        rejected(clerk, path, venue("511102004", "2024-05-01", "2024-04-01", "50"), 400, "toDate");
        rejected(clerk, path, venue("511102004", "2024-01-01", null, "-3"), 400, "floorAreaM2");
        rejected(clerk, path, venue("511102004", "2024-01-01", null, "0"), 400, "floorAreaM2");
        assertEquals(changes, ServiceDatabase.count("select count(*) from change_log where aggregate_type <> 'division'"), "refusals write nothing");
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(venue("511102006", "2024-01-01", null, "50"))
                .when().post(path).then().statusCode(403);
        String id = given().auth().oauth2(clerk).contentType(ContentType.JSON).body(venue("511102004001", "2024-01-01", null, "85.5"))
                .when().post(path).then().statusCode(201).body("floorAreaM2", equalTo(85.5f)).extract().path("id");
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("toDate", "2025-12-31", "reason", "场地收回"))
                .when().post(path + "/" + id + "/end").then().statusCode(200).body("toDate", equalTo("2025-12-31"));
        schemas.validate("io.miaopu.incubation.venue-support.ended.v1", ServiceDatabase.single(
                "select payload::text from outbox_event where aggregate_id = '" + id + "' and type like '%ended%'"));
    }

    @Test
    void fundingIsRecordedInFenWithinTheOrganizationsJurisdiction() throws Exception {
        String path = "/api/v1/fundings";
        String clerk = Tokens.user("clerk-dafo");
        long events = ServiceDatabase.count("select count(*) from outbox_event");
        rejected(clerk, path, funding(dafoOrg, -100, 2024), 400, "amountFen");
        rejected(clerk, path, funding(dafoOrg, 0, 2024), 400, "amountFen");
        rejected(clerk, path, funding(dafoOrg, 500000, java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear() + 2), 400, "year");
        rejected(clerk, path, funding(deregistered, 500000, 2024), 422, "organizationId");
        rejected(clerk, path, funding(UUID.randomUUID(), 500000, 2024), 422, "organizationId");
        assertEquals(events, ServiceDatabase.count("select count(*) from outbox_event"), "refusals write nothing");
        given().auth().oauth2(Tokens.user("clerk-tongjiang")).contentType(ContentType.JSON).body(funding(dafoOrg, 500000, 2024))
                .when().post(path).then().statusCode(403);
        String id = given().auth().oauth2(clerk).contentType(ContentType.JSON).body(funding(dafoOrg, 1_250_000, 2024))
                .when().post(path).then().statusCode(201)
                .body("amountFen", equalTo(1_250_000)).body("divisionCode", equalTo("511102004004"))
                .extract().path("id");
        given().auth().oauth2(Tokens.user("county-shizhong")).when().get(path + "?division=511102").then()
                .statusCode(200).body("items.id", hasItem(id));
        Map<String, Object> correction = new HashMap<>(funding(dafoOrg, 1_300_000, 2024));
        correction.remove("organizationId");
        correction.put("version", 5);
        correction.put("reason", "追加");
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(correction)
                .when().put(path + "/" + id).then().statusCode(409).body("errors.field", hasItem("version"));
        correction.remove("version");
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(correction)
                .when().put(path + "/" + id).then().statusCode(428);
        given().auth().oauth2(clerk).header("If-Match", "\"1\"").contentType(ContentType.JSON).body(correction)
                .when().put(path + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("amountFen", equalTo(1_300_000)).body("version", equalTo(2));
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("cancelledOn", "2024-12-01", "reason", "项目未实施"))
                .when().post(path + "/" + id + "/cancel").then().statusCode(200).body("cancelledOn", equalTo("2024-12-01"));
        schemas.validate("io.miaopu.incubation.funding.granted.v1", ServiceDatabase.single(
                "select payload::text from outbox_event where aggregate_id = '" + id + "' and type like '%granted%'"));
        given().auth().oauth2(clerk).when().get(path + "/" + id + "/history").then()
                .statusCode(200).body("changeType", org.hamcrest.Matchers.contains("GRANTED", "UPDATED", "CANCELLED"));
    }

    private static void rejected(String token, String path, Map<String, Object> body, int status, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(path).then()
                .statusCode(status).contentType("application/problem+json")
                .body("errors.field", hasItem(field));
    }

    private static Map<String, Object> venue(String division, String from, String to, String area) {
        Map<String, Object> body = new HashMap<>();
        body.put("organizationId", dafoOrg.toString());
        body.put("venue", "社区党群服务中心二楼活动室");
        body.put("providingDivisionCode", division);
        body.put("fromDate", from);
        if (to != null) {
            body.put("toDate", to);
        }
        body.put("floorAreaM2", new java.math.BigDecimal(area));
        return body;
    }

    private static Map<String, Object> funding(UUID organization, long amountFen, int year) {
        Map<String, Object> body = new HashMap<>();
        body.put("organizationId", organization.toString());
        body.put("channel", "GOVERNMENT_PURCHASE");
        body.put("amountFen", amountFen);
        body.put("year", year);
        body.put("projectTitle", "邻里守望关爱服务项目");
        return body;
    }
}
