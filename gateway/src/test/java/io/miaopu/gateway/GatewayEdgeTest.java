package io.miaopu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The gateway on its own, against the real Keycloak, with every upstream down: what it decides at
 * the edge (authentication, route roles, size, request id) and how it answers when a service is
 * unreachable. Forwarding to live services is covered by the system tests.
 */
@QuarkusTest
class GatewayEdgeTest {

    @Test
    void noTokenIsUnauthorized() {
        given().when().get("/api/v1/registry/whoami").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:miaopu:problem:unauthorized"))
                .body("titleZh", equalTo("需要身份认证"))
                .body("instance", equalTo("/api/v1/registry/whoami"));
    }

    @Test
    void tamperedSignatureIsUnauthorized() {
        given().auth().oauth2(Tokens.tampered(Tokens.user("clerk-dafo")))
                .when().get("/api/v1/registry/whoami").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:unauthorized"));
    }

    @Test
    void garbageTokenIsUnauthorized() {
        given().header("Authorization", "Bearer not-a-jwt")
                .when().get("/api/v1/registry/whoami").then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void roleNotInRouteTableIsForbiddenBeforeForwarding() {
        // exchange-reader may read metrics only; registry is refused at the edge (its upstream is down,
        // so a 503 would show the request had been forwarded).
        given().auth().oauth2(Tokens.client("exchange-reader"))
                .when().get("/api/v1/registry/whoami").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:forbidden"))
                .body("detailZh", notNullValue());
    }

    @Test
    void allowedCallerToUnavailableServiceGets503WithRetryAfter() {
        given().auth().oauth2(Tokens.user("clerk-dafo"))
                .when().get("/api/v1/registry/whoami").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:miaopu:problem:upstream-unavailable"));
        given().auth().oauth2(Tokens.client("exchange-reader"))
                .when().get("/api/v1/metrics/whoami").then()
                .statusCode(503)
                .body("type", equalTo("urn:miaopu:problem:upstream-unavailable"));
    }

    @Test
    void unknownApiPathIsNotFound() {
        given().auth().oauth2(Tokens.user("city-admin"))
                .when().get("/api/v1/nobody-owns-this").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:not-found"));
    }

    @Test
    void pathsThatCouldEscapeTheirRouteAreRefused() throws Exception {
        // e.g. the public /openapi/registry route must not lead to registry's /q/metrics. Sent with
        // java.net.http, which (unlike REST Assured) sends the path exactly as written.
        String token = Tokens.client("exchange-reader");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (String path : new String[] {"/openapi/registry/%2e%2e/metrics", "/openapi/registry/%2E%2E%2Fmetrics",
                "/api/v1//registry/whoami", "/api/v1/divisions/..%2fincubation/whoami",
                "/api/v1/divisions/../incubation/whoami"}) {
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path))
                    .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            org.junit.jupiter.api.Assertions.assertEquals(400, response.statusCode(), path);
            org.junit.jupiter.api.Assertions.assertTrue(response.body().contains("urn:miaopu:problem:bad-request"), path);
        }
    }

    @Test
    void requestIdIsKeptOrCreated() {
        given().header("X-Request-Id", "req-123").when().get("/api/v1/registry/whoami").then()
                .header("X-Request-Id", equalTo("req-123"))
                .body("requestId", equalTo("req-123"));
        given().when().get("/api/v1/registry/whoami").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void oversizedBodyIsRejected() {
        given().auth().oauth2(Tokens.user("clerk-dafo"))
                .contentType("application/json").body("{\"x\":\"" + "a".repeat(5000) + "\"}")
                .when().post("/api/v1/registry/whoami").then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:payload-too-large"));
    }

    @Test
    void importRoutesAcceptLargerBodiesThanTheDefault() {
        String body = "name\n" + "a".repeat(5000) + "\n";
        given().auth().oauth2(Tokens.user("clerk-dafo")).contentType("text/csv").body(body)
                .when().post("/api/v1/organizations").then()
                .statusCode(413).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("4096"));
        // the same body on the import route passes the edge and reaches the (here unavailable) service
        given().auth().oauth2(Tokens.user("clerk-dafo")).contentType("text/csv").body(body)
                .when().post("/api/v1/organizations/imports").then()
                .statusCode(503).contentType("application/problem+json");
        given().contentType("text/csv").body(body).when().post("/api/v1/public/organizations").then().statusCode(413);
    }
}
