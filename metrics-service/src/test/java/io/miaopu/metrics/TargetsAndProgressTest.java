package io.miaopu.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The targets as data, revised by the city bureau; yearly and county progress on a hand-computed data set. */
@QuarkusTest
class TargetsAndProgressTest {

    @BeforeEach
    void hierarchy() throws Exception {
        MetricsTestSupport.hierarchy();
    }

    @Test
    void theTargetsAreSeededFromThePlanAndRevisedOnlyByTheCityBureauWithAReason() {
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/targets").then()
                .statusCode(200).body("$", hasSize(13))
                .body("id", contains("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13"))
                .body("find { it.id == 'T3' }.urbanThreshold", equalTo(15)).body("find { it.id == 'T3' }.ruralThreshold", equalTo(8))
                .body("find { it.id == 'T3' }.counties", hasItems("511102", "511112", "511111", "5111GX", "511126", "511181"))
                .body("find { it.id == 'T9' }.excluded", contains("511132", "511133"))
                .body("find { it.id == 'T10' }.threshold", equalTo(1000))
                .body("find { it.id == 'T12' }.dueYear", equalTo(2023));
        String admin = Tokens.of("city-admin");
        Map<String, Object> raise = Map.of("urbanThreshold", 13, "fromYear", 2024, "reason", "市局 2024 年中期评估调整");
        given().auth().oauth2(Tokens.of("county-shizhong")).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(raise)
                .when().put("/api/v1/targets/T4").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(raise).when().put("/api/v1/targets/T4").then().statusCode(428);
        refused(admin, "T4", Map.of("threshold", 13, "fromYear", 2021, "reason", "x"), 400, "threshold");
        refused(admin, "T8", Map.of("threshold", 1.5, "fromYear", 2021, "reason", "x"), 400, "threshold");
        refused(admin, "T4", Map.of("urbanThreshold", -1, "fromYear", 2021, "reason", "x"), 400, "urbanThreshold");
        refused(admin, "T4", Map.of("urbanThreshold", 13, "fromYear", 2021), 400, "reason");
        refused(admin, "T4", Map.of("urbanThreshold", 13, "reason", "x"), 400, "fromYear");
        refused(admin, "T4", Map.of("urbanThreshold", 13, "fromYear", 2026, "reason", "x"), 400, "fromYear");
        refused(admin, "T10", Map.of("threshold", new java.math.BigDecimal("1e15"), "fromYear", 2021, "reason", "x"), 400, "threshold");
        refused(admin, "T10", Map.of("threshold", new java.math.BigDecimal("1000.12345"), "fromYear", 2021, "reason", "x"), 400,
                "threshold");
        refused(admin, "T4", Map.of("counties", List.of("511123", "511102"), "fromYear", 2021, "reason", "x"), 409, "counties");
        refused(admin, "T4", Map.of("counties", List.of("511123", "519999"), "fromYear", 2021, "reason", "x"), 422, "counties");
        refused(admin, "T6", Map.of("firstYear", 2024, "dueYear", 2023, "fromYear", 2021, "reason", "x"), 400, "dueYear");
        refused(admin, "T6", Map.of("dueYear", 2026, "fromYear", 2021, "reason", "x"), 400, "dueYear");
        refused(admin, "T11", Map.of("options", Map.of("demonstrations", "SOMETIMES"), "fromYear", 2021, "reason", "x"), 400,
                "options.demonstrations");
        refused(admin, "T11", Map.of("options", Map.of("levels", List.of("CITY")), "fromYear", 2021, "reason", "x"), 400,
                "options.levels");
        given().auth().oauth2(admin).when().get("/api/v1/targets/T4/history").then().statusCode(200).body("$", hasSize(0));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(raise)
                .when().put("/api/v1/targets/T4").then().statusCode(200).header("ETag", "\"2\"")
                .body("urbanThreshold", equalTo(13)).body("ruralThreshold", equalTo(6)).body("updatedBy", equalTo("city-admin"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(raise)
                .when().put("/api/v1/targets/T4").then().statusCode(412);
        given().auth().oauth2(admin).when().get("/api/v1/targets/T4/history").then()
                .body("$", hasSize(1)).body("[0].before.urbanThreshold", equalTo(12)).body("[0].after.urbanThreshold", equalTo(13))
                .body("[0].fromYear", equalTo(2024)).body("[0].reason", equalTo("市局 2024 年中期评估调整"));
    }

    @Test
    void yearlyAndCountyFiguresAreCountedAsThePlanDefinesThem() throws Exception {
        MetricsTestSupport.County c = MetricsTestSupport.privateCounty();
        String admin = Tokens.of("city-admin");
        // the test's county joins tier C (T5: 10 per urban, 4 per rural community)
        String etag = given().auth().oauth2(admin).when().get("/api/v1/targets/T5").then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("counties", List.of("511113", "511132", "511133", c.code()), "fromYear", 2021, "reason", "测试县纳入第三档"))
                .when().put("/api/v1/targets/T5").then().statusCode(200);
        // Let the projection catch up with what is already on the topic (other modules' tests), so that the
        // figures before and after differ by this test's organizations only.
        // One sentinel per partition: each partition is consumed on its own.
        List<String> sentinels = new java.util.ArrayList<>();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            for (int partition = 0; partition < MetricsTestSupport.registryPartitions(producer); partition++) {
                sentinels.add("'" + MetricsTestSupport.organization(producer, partition, UUID.randomUUID(), "filed", "999999999999",
                        "FUNCTIONAL_SERVICE", "2020-01-01", "ACTIVE", 1) + "'");
            }
        }
        long caughtUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (ServiceDatabase.count("select count(*) from organization_projection where id in (" + String.join(",", sentinels)
                + ")") < sentinels.size()) {
            if (System.nanoTime() > caughtUp) {
                throw new AssertionError("the projection did not catch up with the topic");
            }
            Thread.sleep(100);
        }
        JsonPath before = yearly();
        String f = "FUNCTIONAL_SERVICE";
        String i = "INTEREST_VOLUNTEER";
        UUID deregistered = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            for (String year : List.of("2021-03-01", "2021-06-01", "2022-01-10", "2023-05-05", "2024-02-02", "2024-09-09")) {
                MetricsTestSupport.organization(producer, UUID.randomUUID(), "filed", c.urban0(), f, year, "ACTIVE", 1);
            }
            MetricsTestSupport.organization(producer, deregistered, "filed", c.urban0(), f, "2022-04-04", "ACTIVE", 1);
            MetricsTestSupport.organization(producer, deregistered, "status-changed", c.urban0(), f, "2022-04-04", "DEREGISTERED", 2);
            MetricsTestSupport.organization(producer, UUID.randomUUID(), "filed", c.urban0(), i, "2026-03-01", "ACTIVE", 1);
            for (int n = 0; n < 3; n++) {
                MetricsTestSupport.organization(producer, UUID.randomUUID(), "filed", c.urban1(), i, "2023-07-07", "ACTIVE", 1);
            }
            MetricsTestSupport.organization(producer, UUID.randomUUID(), "filed", c.rural0(), f, "2025-01-01", "ACTIVE", 1);
            MetricsTestSupport.organization(producer, UUID.randomUUID(), "filed", c.rural0(), f, "2025-12-31", "ACTIVE", 1);
            MetricsTestSupport.organization(producer, UUID.randomUUID(), "status-changed", c.rural0(), i, "2025-06-06", "ABNORMAL", 2);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ServiceDatabase.count("select count(*) from organization_projection where community_code like '" + c.code() + "%'") < 13
                || ServiceDatabase.count("select count(*) from organization_projection where id = '" + deregistered
                + "' and status = 'DEREGISTERED'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the projection did not receive the organizations");
            }
            Thread.sleep(100);
        }

        // T6/T7: by the year of registeredOn, whatever the status since
        JsonPath after = yearly();
        Map<String, Integer> expected = new HashMap<>(Map.of("2021|T6", 2, "2022|T6", 2, "2023|T6", 1, "2024|T6", 2, "2025|T6", 2,
                "2023|T7", 3, "2025|T7", 1));
        for (int year = 2021; year <= 2025; year++) {
            for (String target : List.of("T6", "T7")) {
                int delta = count(after, year, target) - count(before, year, target);
                assertEquals(expected.getOrDefault(year + "|" + target, 0), delta, year + " " + target);
            }
        }
        given().auth().oauth2(admin).when().get("/api/v1/progress/yearly").then()
                .body("years[0].figures.threshold", contains(100, 100)).body("asOf", org.hamcrest.Matchers.notNullValue());

        // T5 for the county: existing (not deregistered) organizations registered by the end of the year
        // (the deregistered one counts for 2025: its deregistration was recorded now, in 2026)
        county(2025, c.code()).then()
                .body("target", equalTo("T5"))
                .body("urban.communities", equalTo(2)).body("urban.organizations", equalTo(10))
                .body("urban.average", equalTo(5.0f)).body("urban.threshold", equalTo(10)).body("urban.met", equalTo(false))
                .body("urban.gap", equalTo(10))
                .body("rural.communities", equalTo(2)).body("rural.organizations", equalTo(3))
                .body("rural.average", equalTo(1.5f)).body("rural.threshold", equalTo(4)).body("rural.gap", equalTo(5));
        // 2026: the one registered in 2026 comes, the deregistered one goes
        county(2026, c.code()).then().body("urban.organizations", equalTo(10)).body("urban.gap", equalTo(10));
        county(2025, "511102").then().body("target", equalTo("T3")).body("urban.threshold", equalTo(15));
        given().auth().oauth2(admin).queryParam("year", "twenty").when().get("/api/v1/progress/counties").then().statusCode(400);
        // the city as a whole is the sum of its county-level units, against T1 and T2
        JsonPath all = given().auth().oauth2(admin).queryParam("year", 2025).when().get("/api/v1/progress/counties").then()
                .statusCode(200).body("city.urban.threshold", equalTo(12)).body("city.rural.threshold", equalTo(5))
                .extract().jsonPath();
        assertEquals(all.getList("counties.urban.organizations", Integer.class).stream().mapToInt(Integer::intValue).sum(),
                all.getInt("city.urban.organizations"));
        assertEquals(all.getList("counties.rural.communities", Integer.class).stream().mapToInt(Integer::intValue).sum(),
                all.getInt("city.rural.communities"));
    }

    private static io.restassured.response.Response county(int year, String code) {
        JsonPath all = given().auth().oauth2(Tokens.of("province-platform")).queryParam("year", year)
                .when().get("/api/v1/progress/counties").then().statusCode(200).body("year", equalTo(year)).extract().jsonPath();
        List<Map<String, Object>> counties = all.getList("counties");
        int index = -1;
        for (int n = 0; n < counties.size(); n++) {
            if (code.equals(counties.get(n).get("code"))) {
                index = n;
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(index >= 0, code + " is listed");
        int at = index;
        return given().auth().oauth2(Tokens.of("province-platform")).queryParam("year", year)
                .when().get("/api/v1/progress/counties").then().extract().response().path("counties[" + at + "]") == null ? null
                : new io.restassured.builder.ResponseBuilder().setStatusCode(200).setContentType("application/json")
                .setBody(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(counties.get(at)).toString()).build();
    }

    private static JsonPath yearly() {
        return given().auth().oauth2(Tokens.of("city-admin")).when().get("/api/v1/progress/yearly").then().statusCode(200)
                .extract().jsonPath();
    }

    private static int count(JsonPath yearly, int year, String target) {
        Integer value = yearly.get("years.find { it.year == " + year + " }.figures.find { it.target == '" + target + "' }.count");
        return value == null ? 0 : value;
    }

    private static void refused(String token, String target, Map<String, Object> body, int status, String field) {
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                .when().put("/api/v1/targets/" + target).then()
                .statusCode(status).contentType("application/problem+json").body("errors.field", contains(field));
    }
}
