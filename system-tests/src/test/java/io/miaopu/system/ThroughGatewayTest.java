package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.miaopu.chassis.testing.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The walking skeleton end to end: real tokens, through the gateway, to every service. */
@Order(1)
class ThroughGatewayTest {

    @BeforeAll
    static void suite() {
        LocalSuite.ensureStarted();
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry", "incubation", "training", "metrics"})
    void clerkReachesEveryServiceWithDivision(String service) {
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.user("clerk-dafo"))
                .header("X-Request-Id", "system-" + service)
                .when().get("/api/v1/" + service + "/whoami").then()
                .statusCode(200)
                .header("X-Request-Id", equalTo("system-" + service))
                .body("service", equalTo(service))
                .body("username", equalTo("clerk-dafo"))
                .body("roles", hasItem("township-clerk"))
                .body("division", equalTo("511102004"));
    }

    @Test
    void countyOfficerAndProvincePlatformAreSeenWithTheirDivisions() {
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.user("county-jiajiang"))
                .when().get("/api/v1/incubation/whoami").then()
                .statusCode(200).body("division", equalTo("511126")).body("roles", hasItem("county-officer"));
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.client("province-platform"))
                .when().get("/api/v1/registry/whoami").then()
                .statusCode(200).body("division", equalTo("51")).body("clientId", equalTo("province-platform"));
    }

    @Test
    void noTokenIs401Problem() {
        given().baseUri(LocalSuite.gatewayUrl())
                .when().get("/api/v1/registry/whoami").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:unauthorized"));
    }

    @Test
    void tamperedSignatureIs401Problem() {
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.tampered(Tokens.user("clerk-dafo")))
                .when().get("/api/v1/training/whoami").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:unauthorized"));
    }

    @Test
    void exchangeReaderOnARouteItMayNotUseIs403Problem() {
        String token = Tokens.client("exchange-reader");
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(token)
                .when().get("/api/v1/registry/whoami").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:forbidden"));
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(token)
                .when().get("/api/v1/metrics/whoami").then()
                .statusCode(200)
                .body("roles", hasItem("exchange-reader"));
    }

    @Test
    void everyServicesOpenApiIsReadableThroughTheGateway() {
        for (String service : LocalSuite.SERVICE_PORTS.keySet()) {
            given().baseUri(LocalSuite.gatewayUrl()).accept("application/json")
                    .when().get("/openapi/" + service).then()
                    .statusCode(200)
                    .body(containsString("/api/v1/{service}/whoami"));
        }
        given().baseUri(LocalSuite.gatewayUrl()).when().get("/q/swagger-ui/").then()
                .statusCode(200);
    }
}
