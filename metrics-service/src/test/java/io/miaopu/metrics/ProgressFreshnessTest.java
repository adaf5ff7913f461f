package io.miaopu.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Progress answers are kept in memory between requests (ProgressCache); an event projected since must show in the
 * next answer, for a past year and for the current one, in every endpoint that answers from the kept figures.
 */
@QuarkusTest
class ProgressFreshnessTest {

    @BeforeEach
    void hierarchy() throws Exception {
        MetricsTestSupport.hierarchy();
    }

    @Test
    void anAnswerKeptInMemoryGivesWayToTheNextProjectedEvent() throws Exception {
        MetricsTestSupport.County c = MetricsTestSupport.privateCounty();
        int thisYear = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        List<Integer> years = List.of(2025, thisYear);
        long[] before = new long[years.size() * 3];
        for (int n = 0; n < years.size(); n++) {
            figures(years.get(n), c.code());
            long[] read = figures(years.get(n), c.code()); // the second read answers from memory
            System.arraycopy(read, 0, before, n * 3, 3);
        }
        UUID id = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            MetricsTestSupport.organization(producer, id, "filed", c.urban0(), "FUNCTIONAL_SERVICE", "2025-03-03", "ACTIVE", 1);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ServiceDatabase.count("select count(*) from organization_projection where id = '" + id + "'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the projection did not receive the organization");
            }
            Thread.sleep(100);
        }
        for (int n = 0; n < years.size(); n++) {
            long[] after = figures(years.get(n), c.code());
            for (int k = 0; k < 3; k++) {
                assertEquals(before[n * 3 + k] + 1, after[k], years.get(n) + ": answer " + k + " counts the new organization");
            }
        }
    }

    /** The county's urban organizations as the county table, the division's progress (T1) and the drill-down count them. */
    private static long[] figures(int year, String county) {
        String token = Tokens.of("city-admin");
        JsonPath counties = given().auth().oauth2(token).queryParam("year", year).when().get("/api/v1/progress/counties").then()
                .statusCode(200).extract().jsonPath();
        JsonPath progress = given().auth().oauth2(token).queryParam("year", year).queryParam("division", county)
                .when().get("/api/v1/progress").then().statusCode(200).extract().jsonPath();
        JsonPath drilldown = given().auth().oauth2(token).queryParam("year", year)
                .when().get("/api/v1/progress/divisions/" + county).then().statusCode(200).extract().jsonPath();
        return new long[] {
                counties.getLong("counties.find { it.code == '" + county + "' }.urban.organizations"),
                progress.getLong("targets.find { it.target == 'T1' }.numerator"),
                drilldown.getLong("division.urban.organizations")};
    }
}
