package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.miaopu.chassis.testing.Tokens;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A support structure recorded by a township clerk and read by the provincial platform, all through the gateway. */
@Order(3)
class SupportStructuresThroughTheGatewayTest {

    @BeforeAll
    static void suite() {
        LocalSuite.ensureStarted();
    }

    @Test
    void aClerkOpensAServiceStationAndTheProvinceSeesIt() {
        String id = given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.user("clerk-dafo"))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "大佛街道社会组织服务站", "level", "TOWNSHIP", "divisionCode", "511102004",
                        "type", "SERVICE_STATION", "services", List.of("PARTY_BUILDING", "TRAINING"), "openedOn", "2024-04-01"))
                .when().post("/api/v1/incubators").then()
                .statusCode(201)
                .body("divisionCode", equalTo("511102004"))
                .extract().path("id");
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.client("province-platform"))
                .when().get("/api/v1/incubators?division=511102&size=500").then()
                .statusCode(200).body("items.id", hasItem(id));
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.client("exchange-reader"))
                .when().get("/api/v1/incubators/" + id).then()
                .statusCode(403).contentType("application/problem+json");
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.user("clerk-tongjiang"))
                .contentType(ContentType.JSON).body(Map.of("closedOn", "2024-05-01", "reason", "x"))
                .when().post("/api/v1/incubators/" + id + "/close").then()
                // outside the clerk's jurisdiction: answered as if it did not exist (docs/integrators.md)
                .statusCode(404).contentType("application/problem+json");
    }
}
