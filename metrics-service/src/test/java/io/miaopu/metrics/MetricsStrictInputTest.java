package io.miaopu.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 in metrics: JSON read strictly by the chassis (a second document after a target's
 * revision was applied), a malformed parameter a 400 naming it, and the access rule: figures asked
 * for a division outside one's jurisdiction are a 403 (divisions are no secret; there is no thing
 * of a jurisdiction to hide in metrics).
 */
@QuarkusTest
class MetricsStrictInputTest {

    @BeforeEach
    void hierarchy() throws Exception {
        MetricsTestSupport.hierarchy();
    }

    @Test
    void aTargetsRevisionIsReadStrictly() {
        String admin = Tokens.of("city-admin");
        String etag = given().auth().oauth2(admin).when().get("/api/v1/targets/T11").then().statusCode(200).extract().header("ETag");
        String revision = "{\"threshold\":3,\"fromYear\":2024,\"reason\":\"严格读取\"}";
        for (String[] broken : new String[][] {
                {revision + " garbage", null},
                {revision + revision, "body"},
                {"{\"threshold\":3,\"fromYear\":\"2024\",\"reason\":\"x\"}", "fromYear"},
                {"{\"threshold\":\"3\",\"fromYear\":2024,\"reason\":\"x\"}", "threshold"},
                {"{\"threshold\":3,\"fromYear\":2024,\"reason\":12}", "reason"},
                {"{\"threshold\":3,\"fromYear\":2024,\"fromYear\":2023,\"reason\":\"x\"}", "fromYear"},
                {"{\"threshold\":3,\"fromYear\":2024,\"reason\":\"\\udfff\"}", "reason"}}) {
            var answer = given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                    .body(broken[0].getBytes(StandardCharsets.UTF_8)).when().put("/api/v1/targets/T11").then()
                    .statusCode(400).contentType("application/problem+json");
            if (broken[1] != null) {
                answer.body("errors.field", equalTo(List.of(broken[1])));
            }
        }
        given().auth().oauth2(admin).when().get("/api/v1/targets/T11").then().header("ETag", equalTo(etag));
    }

    @Test
    void parametersAndDivisionsFollowTheRules() {
        given().auth().oauth2(Tokens.of("city-admin")).when().get("/api/v1/progress?year=abc").then()
                .statusCode(400).body("errors.field", equalTo(List.of("year")));
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/progress/divisions/511102006").then()
                .statusCode(403).contentType("application/problem+json");
    }
}
