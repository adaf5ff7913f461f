package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.miaopu.chassis.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Keycloak stopped for real. A gateway that never reached Keycloak cannot verify any token and
 * answers 503 problem+json with Retry-After (never 500), and recovers by itself once Keycloak is
 * back. A gateway that already holds Keycloak's signing keys keeps verifying tokens locally.
 * Runs last: it stops and restarts the shared Keycloak.
 */
@Order(Integer.MAX_VALUE)
class KeycloakOutageTest {

    private static final int SECOND_GATEWAY_PORT = LocalSuite.GATEWAY_PORT + 10;

    @BeforeAll
    static void suite() {
        LocalSuite.ensureStarted();
    }

    @AfterAll
    static void keycloakBack() {
        LocalSuite.script("keycloak.sh", "up");
    }

    @Test
    void keycloakStoppedGives503AndRecovers() {
        String token = Tokens.user("clerk-dafo");
        // The running gateway has verified tokens before: it holds the realm's keys.
        given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(token)
                .when().get("/api/v1/registry/whoami").then().statusCode(200);

        LocalSuite.script("keycloak.sh", "down");
        Process gateway = LocalSuite.startGateway("gateway-started-without-keycloak", SECOND_GATEWAY_PORT);
        try {
            LocalSuite.awaitReady("gateway-started-without-keycloak", SECOND_GATEWAY_PORT, gateway);
            String secondGateway = "http://127.0.0.1:" + SECOND_GATEWAY_PORT;

            given().baseUri(secondGateway).auth().oauth2(token)
                    .when().get("/api/v1/registry/whoami").then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:miaopu:problem:identity-provider-unavailable"))
                    .body("titleZh", equalTo("身份认证服务暂不可用"));

            // Keys already held: verification is local, the outage does not stop the city's work.
            given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(token)
                    .when().get("/api/v1/registry/whoami").then()
                    .statusCode(200)
                    .body("division", equalTo("511102004"));

            LocalSuite.script("keycloak.sh", "up");
            given().baseUri(secondGateway).auth().oauth2(token)
                    .when().get("/api/v1/registry/whoami").then()
                    .statusCode(200)
                    .body("username", equalTo("clerk-dafo"));
        } finally {
            LocalSuite.stop(gateway);
        }
    }
}
