package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * An organization's life through the gateway on the running suite: registered by a clerk (the
 * hierarchy reaching registry as incubation's events), corrected, synchronised by the provincial
 * platform, disclosed to the public, known to incubation through registry's events, imported in
 * bulk past the gateway's default body limit, and exported.
 */
@Order(4)
class OrganizationsThroughTheGatewayTest {

    private static final String COMMUNITY = "511102004001";

    @BeforeAll
    static void suite() throws InterruptedException {
        LocalSuite.ensureStarted();
        // registry learns the hierarchy from incubation's division events: wait until it knows the community
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().baseUri(LocalSuite.gatewayUrl()).queryParam("division", COMMUNITY)
                .get("/api/v1/public/organizations").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("registry's division replica never learnt " + COMMUNITY);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aClerkRegistersAnOrganizationThatThePlatformThePublicAndIncubationSee() throws InterruptedException {
        String gateway = LocalSuite.gatewayUrl();
        String clerk = Tokens.user("clerk-dafo");
        String name = "篦子街为老服务协会" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("creditCode", "51100000500002862F");
        body.put("legalForm", "SOCIAL_GROUP");
        body.put("managementClass", "REGISTERED");
        body.put("category", "FUNCTIONAL_SERVICE");
        body.put("subcategory", "LIFE_SERVICE");
        body.put("serviceAreas", List.of("ELDERLY_CARE"));
        body.put("communityCode", COMMUNITY);
        body.put("registeredOn", "2024-05-20");
        body.put("leader", Map.of("name", "周玉兰", "phone", "13708330000"));
        String key = UUID.randomUUID().toString();
        String id = given().baseUri(gateway).auth().oauth2(clerk).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/organizations").then()
                .statusCode(201).header("ETag", "\"1\"").extract().path("id");
        given().baseUri(gateway).auth().oauth2(clerk).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/organizations").then().statusCode(201).body("id", equalTo(id));
        given().baseUri(gateway).auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"1\"")
                .body(Map.of("memberCount", 30)).when().patch("/api/v1/organizations/" + id).then()
                .statusCode(200).header("ETag", "\"2\"");
        given().baseUri(gateway).auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"1\"")
                .body(Map.of("memberCount", 31)).when().patch("/api/v1/organizations/" + id).then()
                .statusCode(412).contentType("application/problem+json");
        String platform = Tokens.client("province-platform");
        body.put("memberCount", 30);
        given().baseUri(gateway).auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/organizations/by-credit-code/51100000500002862F").then()
                .statusCode(200).body("id", equalTo(id)).body("version", equalTo(2));
        given().baseUri(gateway).auth().oauth2(Tokens.user("clerk-tongjiang"))
                .when().get("/api/v1/organizations/" + id).then().statusCode(404);
        String disclosed = given().baseUri(gateway).queryParam("q", name)
                .when().get("/api/v1/public/organizations").then()
                .statusCode(200).body("items[0].id", equalTo(id)).extract().asString();
        assertFalse(disclosed.contains("周玉兰") || disclosed.contains("13708330000"));

        // incubation learns of the organization from registry's events: it can be enrolled in an incubator
        String county = Tokens.user("county-shizhong");
        String incubator = given().baseUri(gateway).auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("name", "市中区孵化基地" + UUID.randomUUID().toString().substring(0, 4), "level", "COUNTY",
                        "divisionCode", "511102", "type", "INCUBATION_BASE", "services", List.of("INCUBATION"),
                        "openedOn", "2024-01-01"))
                .when().post("/api/v1/incubators").then().statusCode(201).extract().path("id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status;
        while ((status = given().baseUri(gateway).auth().oauth2(county).contentType(ContentType.JSON)
                .body(Map.of("organizationId", id, "startedOn", "2024-06-01"))
                .post("/api/v1/incubators/" + incubator + "/enrollments").statusCode()) != 201) {
            assertEquals(422, status, "until the event arrives, the organization is unknown to incubation");
            assertTrue(System.nanoTime() < deadline, "incubation never learnt of the organization");
            Thread.sleep(200);
        }
    }

    @Test
    void aBulkImportLargerThanTheDefaultBodyLimitPassesTheGatewayAndIsExported() throws InterruptedException {
        String gateway = LocalSuite.gatewayUrl();
        String clerk = Tokens.user("clerk-dafo");
        String tag = "批量" + UUID.randomUUID().toString().substring(0, 6);
        StringBuilder csv = new StringBuilder("name,managementClass,category,subcategory,communityCode,registeredOn,leaderName,"
                + "leaderPhone,serviceAreas\r\n");
        String[] communities = {"511102004001", "511102004002", "511102004201"};
        for (int row = 1; row <= 6_000; row++) {
            csv.append(tag).append("文体队第").append(row).append("队,COMMUNITY_GUIDED,INTEREST_VOLUNTEER,CULTURE_SPORTS,")
                    .append(communities[row % 3]).append(",2025-0").append(1 + row % 9).append("-01,队长")
                    .append(row).append(",1380833").append(String.format("%04d", row % 10_000))
                    .append(",SONG_DANCE;FITNESS;CHESS_CARDS;MUSICAL_INSTRUMENTS;PERFORMANCE\r\n");
        }
        byte[] upload = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(upload.length > 1_048_576, "larger than the gateway's default limit: " + upload.length);
        given().baseUri(gateway).auth().oauth2(clerk).contentType(ContentType.JSON).body(new String(upload, StandardCharsets.UTF_8))
                .when().post("/api/v1/organizations").then().statusCode(413);
        String location = given().baseUri(gateway).auth().oauth2(clerk).contentType("text/csv; charset=UTF-8").body(upload)
                .when().post("/api/v1/organizations/imports").then()
                .statusCode(202).extract().header("Location");
        String job = location.substring(location.lastIndexOf("/api/v1/"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonPath state;
        while (!"COMPLETED".equals((state = given().baseUri(gateway).auth().oauth2(clerk).get(job).then().statusCode(200)
                .extract().jsonPath()).getString("status"))) {
            assertTrue(System.nanoTime() < deadline, "the import did not complete: " + state.prettify());
            Thread.sleep(250);
        }
        assertEquals(6_000, state.getInt("applied"));
        String export = given().baseUri(gateway).auth().oauth2(Tokens.user("county-shizhong")).queryParam("q", tag)
                .when().get("/api/v1/organizations/export").then()
                .statusCode(200).header("Content-Type", containsString("text/csv")).extract().asString();
        assertEquals(6_001, export.split("\r\n").length);
        given().baseUri(gateway).auth().oauth2(clerk).queryParam("q", tag).queryParam("size", 1)
                .when().get("/api/v1/organizations").then().statusCode(200).body("total", equalTo(6_000))
                .body("items.name", hasItem(org.hamcrest.Matchers.startsWith(tag)));
    }
}
