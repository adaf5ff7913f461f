package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plan's life as the bureau lives it, through the gateway with real tokens: a county-level plan (the same design
 * fits a county's plan as the city's) copied from the city's 2021–2025 plan, activated, evaluated once its years
 * have ended, its frozen evaluation, workbook and drift read by other roles, and closed. The city's own plans are
 * left as they are, for the other tests of the suite.
 */
class PlansThroughTheGatewayTest {

    @BeforeAll
    static void suite() {
        LocalSuite.ensureStarted();
    }

    @Test
    void aPlanIsWrittenEvaluatedAndClosedThroughTheGateway() {
        String gateway = LocalSuite.gatewayUrl();
        String admin = Tokens.user("city-admin");
        String plan = "shizhong-2021-2025-" + UUID.randomUUID().toString().substring(0, 6);

        given().baseUri(gateway).auth().oauth2(Tokens.user("clerk-dafo")).get("/api/v1/plans").then().statusCode(200)
                .body("id", hasItem("leshan-2021-2025"));
        given().baseUri(gateway).auth().oauth2(Tokens.of("exchange-reader")).get("/api/v1/plans").then().statusCode(403)
                .contentType("application/problem+json");
        Map<String, Object> draft = Map.of("id", plan, "nameZh", "市中区培育发展社区社会组织行动（2021—2025年，测试）",
                "divisionCode", "511102", "firstYear", 2021, "lastYear", 2025, "copyFrom", "leshan-2021-2025");
        given().baseUri(gateway).auth().oauth2(Tokens.user("county-shizhong")).contentType(ContentType.JSON).body(draft)
                .post("/api/v1/plans").then().statusCode(403).contentType("application/problem+json");
        given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON).body(draft).post("/api/v1/plans").then()
                .statusCode(201).body("divisionCode", equalTo("511102")).body("status", equalTo("DRAFT"));
        given().baseUri(gateway).auth().oauth2(admin).header("If-Match", "\"1\"").post("/api/v1/plans/" + plan + "/activate").then()
                .statusCode(200).body("status", equalTo("ACTIVE"));

        // measured for its division, named by the answer
        given().baseUri(gateway).auth().oauth2(Tokens.user("county-shizhong")).queryParam("plan", plan).queryParam("year", 2025)
                .get("/api/v1/progress").then().statusCode(200).body("plan", equalTo(plan)).body("division.code", equalTo("511102"));

        ExtractableResponse<Response> made = given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("note", "市中区终期评估（系统测试）")).post("/api/v1/plans/" + plan + "/evaluations").then().statusCode(201)
                .extract();
        byte[] frozen = made.asByteArray();
        String id = made.path("id");
        String sha = made.path("sha256");
        byte[] again = given().baseUri(gateway).auth().oauth2(Tokens.of("province-platform"))
                .get("/api/v1/plans/" + plan + "/evaluations/" + id).then().statusCode(200).header("ETag", "\"" + sha + "\"")
                .extract().asByteArray();
        assertArrayEquals(frozen, again, "the frozen evaluation, byte for byte");
        byte[] xlsx = given().baseUri(gateway).auth().oauth2(Tokens.user("county-shizhong")).queryParam("format", "xlsx")
                .get("/api/v1/plans/" + plan + "/evaluations/" + id).then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").extract().asByteArray();
        String sheets = workbookSheets(xlsx);
        assertTrue(sheets.contains("分县") || sheets.contains("&#x5206;&#x53bf;"), "the bureau's sheets: " + sheets);
        given().baseUri(gateway).auth().oauth2(admin).get("/api/v1/plans/" + plan + "/evaluations/" + id + "/drift").then()
                .statusCode(200).body("sha256", equalTo(sha)).body("sources.targetRevisions", equalTo(0));

        String version = given().baseUri(gateway).auth().oauth2(admin).get("/api/v1/plans/" + plan).then().statusCode(200)
                .extract().header("ETag");
        given().baseUri(gateway).auth().oauth2(admin).header("If-Match", version).post("/api/v1/plans/" + plan + "/close").then()
                .statusCode(200).body("status", equalTo("CLOSED"));
        String target = given().baseUri(gateway).auth().oauth2(admin).get("/api/v1/plans/" + plan + "/targets/T6").then()
                .statusCode(200).extract().header("ETag");
        given().baseUri(gateway).auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", target)
                .body(Map.of("threshold", 1, "fromYear", 2025, "reason", "x")).put("/api/v1/plans/" + plan + "/targets/T6").then()
                .statusCode(409).contentType("application/problem+json");
        assertEquals(target, given().baseUri(gateway).auth().oauth2(admin).get("/api/v1/plans/" + plan + "/targets/T6").then()
                .extract().header("ETag"), "a closed plan's target is unchanged");
    }

    /**
     * The workbook part (xl/workbook.xml) naming the sheets, read through the zip's central directory: a streamed
     * workbook's entries carry their sizes after the data, which a streaming zip reader refuses.
     */
    private static String workbookSheets(byte[] xlsx) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("evaluation", ".xlsx");
            try {
                java.nio.file.Files.write(file, xlsx);
                try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                    var entry = zip.getEntry("xl/workbook.xml");
                    return entry == null ? "" : new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                }
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
