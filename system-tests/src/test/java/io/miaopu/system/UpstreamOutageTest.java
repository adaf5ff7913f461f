package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;

import io.miaopu.chassis.testing.Tokens;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * training-service stopped for real: its routes answer 503 problem+json with Retry-After within a
 * second (at once once the breaker opens), the other services' routes keep answering, and the
 * route recovers by itself when the service is back.
 */
@Order(7)
class UpstreamOutageTest {

    @BeforeAll
    static void suite() {
        LocalSuite.ensureStarted();
    }

    /** Whatever happened, the suite has its training service again. */
    @AfterAll
    static void trainingBack() {
        LocalSuite.startService("training");
    }

    @Test
    void aStoppedServiceIs503WithinASecondWhileTheOthersAnswer() throws InterruptedException {
        String gateway = LocalSuite.gatewayUrl();
        String clerk = Tokens.of("clerk-dafo");
        given().baseUri(gateway).auth().oauth2(clerk).queryParam("division", "511102004").get("/api/v1/training-ledger")
                .then().statusCode(200);
        LocalSuite.stopService("training");
        int cutOff = 0;
        for (int n = 0; n < 8; n++) {
            String detail = given().baseUri(gateway).auth().oauth2(clerk).queryParam("division", "511102004")
                    .get("/api/v1/training-ledger")
                    .then().time(lessThan(1000L)).statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:miaopu:problem:upstream-unavailable")).extract().path("detail");
            cutOff += detail.contains("circuit open") ? 1 : 0;
            given().baseUri(gateway).auth().oauth2(clerk).get("/api/v1/progress").then().statusCode(200);
            given().baseUri(gateway).auth().oauth2(clerk).get("/api/v1/organizations").then().statusCode(200);
        }
        // after 5 failures in a row the breaker answers at once, without trying the service
        org.junit.jupiter.api.Assertions.assertTrue(cutOff >= 3, "answered by the open breaker: " + cutOff);
        LocalSuite.startService("training");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (given().baseUri(gateway).auth().oauth2(clerk).queryParam("division", "511102004").get("/api/v1/training-ledger")
                .statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the training route did not recover");
            }
            Thread.sleep(500);
        }
    }
}
