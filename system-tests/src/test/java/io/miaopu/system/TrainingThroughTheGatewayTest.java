package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.miaopu.chassis.testing.Tokens;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** A township clerk records a session and its sign-in sheet through the gateway; the county reads the ledger. */
@Order(5)
class TrainingThroughTheGatewayTest {

    @BeforeAll
    static void suite() throws InterruptedException {
        LocalSuite.ensureStarted();
        // training learns the hierarchy from incubation's division events
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.of("clerk-dafo")).queryParam("division", "511102004")
                .get("/api/v1/training-ledger").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("training's division replica never learnt 511102004");
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aSessionItsSignInSheetAndTheLedger() {
        String gateway = LocalSuite.gatewayUrl();
        String clerk = Tokens.of("clerk-dafo");
        String session = given().baseUri(gateway).auth().oauth2(clerk).contentType(ContentType.JSON)
                .body(Map.of("title", "大佛街道社区社会组织骨干培训", "format", "DEMONSTRATION", "topics", List.of("CULTIVATION"),
                        "organizingDivision", "511102004", "heldOn", "2025-09-12", "hours", 4))
                .when().post("/api/v1/training-sessions").then().statusCode(201).extract().path("id");
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String sheet = "name,phone,role,divisionCode\r\n杨柳," + phone + ",CHILD_DIRECTOR,511102004001\r\n"
                + "杨柳," + phone + ",CHILD_DIRECTOR,511102004001\r\n";
        given().baseUri(gateway).auth().oauth2(clerk).contentType("text/csv; charset=UTF-8")
                .body(sheet.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/training-sessions/" + session + "/attendances/uploads").then()
                .statusCode(200).body("recorded", equalTo(1)).body("alreadyRecorded", equalTo(1));
        given().baseUri(gateway).auth().oauth2(Tokens.of("county-shizhong")).queryParam("division", "511102")
                .when().get("/api/v1/training-ledger").then()
                .statusCode(200).body("personTimes", greaterThanOrEqualTo(1))
                .body("townshipUnits.find { it.code == '511102004' }.personTimes", greaterThanOrEqualTo(1));
        given().baseUri(gateway).auth().oauth2(Tokens.of("county-jiajiang")).when().get("/api/v1/training-sessions/" + session)
                .then().statusCode(404).contentType("application/problem+json");
        given().baseUri(gateway).auth().oauth2(Tokens.of("exchange-reader")).when().get("/api/v1/training-ledger")
                .then().statusCode(403);
    }
}
