package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A registration made through the gateway becomes a number on the bureau's dashboard and a record on
 * the data-exchange feed: registry's real event, metrics' projection, read back through the gateway.
 */
@Order(6)
class MetricsThroughTheGatewayTest {

    private static final String COMMUNITY = "511102006001";
    private static final String TOWNSHIP = "511102006";

    @BeforeAll
    static void suite() throws InterruptedException {
        LocalSuite.ensureStarted();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.of("clerk-tongjiang"))
                .get("/api/v1/progress/divisions/" + COMMUNITY).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("metrics' division replica never learnt " + COMMUNITY);
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aRegistrationReachesTheDashboardAndTheExchangeFeed() throws InterruptedException {
        String gateway = LocalSuite.gatewayUrl();
        String clerk = Tokens.user("clerk-tongjiang");
        int year = Integer.parseInt(given().baseUri(gateway).auth().oauth2(clerk).get("/api/v1/progress").then().statusCode(200)
                .extract().path("year").toString());
        long before = organizations(clerk);
        String cursor = given().baseUri(gateway).auth().oauth2(Tokens.of("exchange-reader")).queryParam("after", Long.MAX_VALUE - 1)
                .get("/api/v1/exchange/events").then().statusCode(200).extract().path("next");
        String latest = latestPosition();

        String id = given().baseUri(gateway).auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("name", "通江社区邻里互助队" + UUID.randomUUID().toString().substring(0, 6),
                        "managementClass", "COMMUNITY_GUIDED", "category", "INTEREST_VOLUNTEER", "subcategory", "CHARITY_VOLUNTEER",
                        "serviceAreas", List.of(), "communityCode", COMMUNITY, "registeredOn", year + "-01-02",
                        "leader", Map.of("name", "王晓", "phone", "13708331111")))
                .when().post("/api/v1/organizations").then().statusCode(201).extract().path("id");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (organizations(clerk) != before + 1) {
            assertTrue(System.nanoTime() < deadline, "the registration never reached the dashboard");
            Thread.sleep(200);
        }
        // The feed, from the position before the registration: the organization's public record, no leader.
        Map<String, Object> record = null;
        String at = latest;
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (record == null) {
            assertTrue(System.nanoTime() < deadline, "the record never reached the exchange feed");
            JsonPath page = given().baseUri(gateway).auth().oauth2(Tokens.of("exchange-reader")).queryParam("after", at)
                    .queryParam("limit", 1000).get("/api/v1/exchange/events").then().statusCode(200).extract().jsonPath();
            record = page.getMap("events.find { it.subject == '" + id + "' }");
            if (page.getList("events").isEmpty()) {
                Thread.sleep(200);
            }
            at = page.getString("next");
        }
        assertEquals("io.miaopu.exchange.organization-record.v1", record.get("type"));
        assertTrue(!record.toString().contains("王晓") && !record.toString().contains("13708331111"), "no personal data");
        assertEquals(String.valueOf(Long.MAX_VALUE - 1), cursor);

        given().baseUri(gateway).auth().oauth2(Tokens.of("county-shizhong")).queryParam("year", year)
                .get("/api/v1/progress/divisions/" + TOWNSHIP).then().statusCode(200)
                .body("division.code", equalTo(TOWNSHIP));
        given().baseUri(gateway).auth().oauth2(Tokens.of("county-jiajiang")).get("/api/v1/progress/divisions/" + TOWNSHIP).then()
                .statusCode(403).contentType("application/problem+json");
        given().baseUri(gateway).auth().oauth2(Tokens.of("city-admin")).queryParam("format", "csv")
                .get("/api/v1/reports/progress").then().statusCode(200).contentType("text/csv");
        given().baseUri(gateway).auth().oauth2(Tokens.of("clerk-tongjiang")).get("/api/v1/exchange/events").then().statusCode(403);
        given().baseUri(gateway).auth().oauth2(Tokens.of("province-platform")).get("/api/v1/progress/counties").then()
                .statusCode(200).body("counties.find { it.code == '511102' }.target", equalTo("T3"));
    }

    private static long organizations(String token) {
        JsonPath community = given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(token).get("/api/v1/progress/divisions/" + COMMUNITY)
                .then().statusCode(200).extract().jsonPath();
        return community.getLong("division.urban.organizations") + community.getLong("division.rural.organizations");
    }

    /** The newest position of the feed (the cursor a reader that is up to date holds). */
    private static String latestPosition() {
        String cursor = "0";
        while (true) {
            JsonPath page = given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.of("province-platform"))
                    .queryParam("after", cursor).queryParam("limit", 1000).get("/api/v1/exchange/events").then().statusCode(200)
                    .extract().jsonPath();
            if (page.getList("events").isEmpty()) {
                return cursor;
            }
            cursor = page.getString("next");
        }
    }
}
