package io.miaopu.incubation;

import io.miaopu.chassis.testing.ServiceDatabase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Federations: scope by role and division, one active per township, organizations checked
 * against the replica of registry's events (published here by the test, as registry would).
 */
@QuarkusTest
class FederationResourceTest {

    private static final String BASE = "/api/v1/federations";
    private static UUID ACTIVE_ORG;
    private static UUID SECOND_ORG;
    private static UUID DEREGISTERED_ORG;

    @Inject
    EventSchemas schemas;

    @BeforeAll
    static void organizationsKnownToRegistry() throws Exception {
        ACTIVE_ORG = TestData.organization("大佛街道社区社会组织联合会", "511102004001", "ACTIVE");
        SECOND_ORG = TestData.organization("通江街道社区社会组织联合会", "511102006001", "ACTIVE");
        DEREGISTERED_ORG = TestData.organization("已注销的协会", "511102004002", "DEREGISTERED");
    }

    @Test
    void clerksCountyOfficersAndTheCityManageFederationsWithinTheirJurisdiction() throws Exception {
        String clerk = Tokens.user("clerk-dafo");
        String id = given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(establish("511102004", ACTIVE_ORG, "2024-03-01"))
                .when().post(BASE).then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString(BASE + "/"))
                .body("townshipCode", equalTo("511102004"))
                .body("active", equalTo(true))
                .body("version", equalTo(1))
                .extract().path("id");
        String event = single("select payload::text from outbox_event where aggregate_id = '" + id + "'");
        schemas.validate("io.miaopu.incubation.federation.established.v1", event);

        // a second active federation in the same township
        long changes = count("select count(*) from change_log where aggregate_type <> 'division'");
        given().auth().oauth2(Tokens.user("city-admin")).contentType(ContentType.JSON)
                .body(establish("511102004", SECOND_ORG, "2024-05-01"))
                .when().post(BASE).then()
                .statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("townshipCode"));
        // another township is outside the clerk's jurisdiction
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(establish("511102006", SECOND_ORG, "2024-05-01"))
                .when().post(BASE).then()
                .statusCode(403).contentType("application/problem+json");
        // the provincial platform reads but never writes
        given().auth().oauth2(Tokens.client("province-platform")).contentType(ContentType.JSON)
                .body(establish("511102006", SECOND_ORG, "2024-05-01"))
                .when().post(BASE).then().statusCode(403);
        assertEquals(changes, count("select count(*) from change_log where aggregate_type <> 'division'"), "refusals write nothing");

        // the county officer may, in any township of the county
        String tongjiang = given().auth().oauth2(Tokens.user("county-shizhong")).contentType(ContentType.JSON)
                .body(establish("511102006", SECOND_ORG, "2024-05-01"))
                .when().post(BASE).then().statusCode(201).extract().path("id");

        given().auth().oauth2(Tokens.user("county-shizhong")).when().get(BASE + "?division=511102&active=true").then()
                .statusCode(200).body("items.id", hasItems(id, tongjiang));
        given().auth().oauth2(clerk).when().get(BASE).then()
                .statusCode(200).body("items.townshipCode", everyItem(equalTo("511102004")))
                .body("items.id", not(hasItem(tongjiang)));
        given().auth().oauth2(Tokens.user("county-jiajiang")).when().get(BASE + "?division=511102").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("county-jiajiang")).when().get(BASE + "/" + id).then().statusCode(404);
        given().auth().oauth2(Tokens.client("province-platform")).when().get(BASE + "/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.client("province-platform")).when().get(BASE + "?division=5111").then()
                .statusCode(200).body("items.id", hasItems(id, tongjiang));

        // correct it (If-Match with the ETag read; the deprecated body version still checked without it), dissolve it,
        // and a new one may follow
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("organizationId", ACTIVE_ORG, "name", "大佛街道联合会", "establishedOn", "2024-03-02",
                        "version", 0, "reason", "stale"))
                .when().put(BASE + "/" + id).then().statusCode(409).body("errors.field", hasItem("version"));
        String etag = given().auth().oauth2(clerk).when().get(BASE + "/" + id).then().statusCode(200)
                .header("ETag", "\"1\"").extract().header("ETag");
        given().auth().oauth2(clerk).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("organizationId", ACTIVE_ORG, "name", "大佛街道联合会", "establishedOn", "2024-03-02",
                        "reason", "更正成立日期"))
                .when().put(BASE + "/" + id).then().statusCode(200).header("ETag", "\"2\"")
                .body("version", equalTo(2)).body("establishedOn", equalTo("2024-03-02"));
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("dissolvedOn", "2024-03-01", "reason", "before it began"))
                .when().post(BASE + "/" + id + "/dissolve").then()
                .statusCode(400).body("errors.field", hasItem("dissolvedOn"));
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("dissolvedOn", "2025-06-30", "reason", "改组"))
                .when().post(BASE + "/" + id + "/dissolve").then()
                .statusCode(200).body("active", equalTo(false)).body("version", equalTo(3));
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("dissolvedOn", "2025-07-01", "reason", "again"))
                .when().post(BASE + "/" + id + "/dissolve").then().statusCode(409);
        given().auth().oauth2(clerk).when().get(BASE + "/" + id + "/history").then()
                .statusCode(200)
                .body("changeType", org.hamcrest.Matchers.contains("ESTABLISHED", "UPDATED", "DISSOLVED"))
                .body("[1].before.establishedOn", equalTo("2024-03-01"))
                .body("[2].changedBy", equalTo("clerk-dafo"));
        schemas.validate("io.miaopu.incubation.federation.dissolved.v1",
                single("select payload::text from outbox_event where aggregate_id = '" + id + "' and type like '%dissolved%'"));
        given().auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(establish("511102004", ACTIVE_ORG, "2025-07-01"))
                .when().post(BASE).then().statusCode(201);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() throws Exception {
        String admin = Tokens.user("city-admin");
        long changes = count("select count(*) from change_log where aggregate_type <> 'division'");
        long events = count("select count(*) from outbox_event");
        // not a township code (a community), unknown township, unknown and deregistered organizations
        rejected(admin, establish("511102004001", ACTIVE_ORG, "2024-01-01"), 400, "townshipCode");
        rejected(admin, establish("511102999", ACTIVE_ORG, "2024-01-01"), 422, "townshipCode");
        rejected(admin, establish("511126001", UUID.randomUUID(), "2024-01-01"), 422, "organizationId");
        rejected(admin, establish("511126001", DEREGISTERED_ORG, "2024-01-01"), 422, "organizationId");
        // a date in the future, a missing name, not a date
        rejected(admin, establish("511126001", ACTIVE_ORG, LocalDate.now().plusDays(3).toString()), 400, "establishedOn");
        Map<String, Object> noName = establish("511126001", ACTIVE_ORG, "2024-01-01");
        noName.remove("name");
        rejected(admin, noName, 400, "name");
        rejected(admin, establish("511126001", ACTIVE_ORG, "2024-13-45"), 400, "establishedOn");
        given().auth().oauth2(admin).when().get(BASE + "?division=nowhere").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("division"));
        given().auth().oauth2(admin).when().get(BASE + "/" + UUID.randomUUID()).then()
                .statusCode(404).contentType("application/problem+json");
        assertEquals(changes, count("select count(*) from change_log where aggregate_type <> 'division'"));
        assertEquals(events, count("select count(*) from outbox_event"));
    }

    private static void rejected(String token, Map<String, Object> body, int status, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(BASE).then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", startsWith("urn:miaopu:problem:"))
                .body("errors.field", hasItem(field));
    }

    private static Map<String, Object> establish(String township, UUID organization, String date) {
        Map<String, Object> body = new HashMap<>();
        body.put("townshipCode", township);
        body.put("organizationId", organization.toString());
        body.put("name", "社区社会组织联合会");
        body.put("establishedOn", date);
        return body;
    }

    private static long count(String sql) throws Exception {
        return ServiceDatabase.count(sql);
    }

    private static String single(String sql) throws Exception {
        return ServiceDatabase.single(sql);
    }
}
