package io.miaopu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The issuer is checked on its own: a gateway that expects another issuer refuses a token that is
 * otherwise good (the realm's key, the API's audience, in date).
 */
@QuarkusTest
@TestProfile(WrongIssuerTest.OtherIssuer.class)
class WrongIssuerTest {

    public static class OtherIssuer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.token.issuer", "http://127.0.0.1:8180/realms/somewhere-else");
        }
    }

    @Test
    void aGoodTokenFromAnotherIssuerIsUnauthorized() {
        given().auth().oauth2(Tokens.user("clerk-dafo")).when().get("/api/v1/progress").then()
                .statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:unauthorized"));
    }
}
