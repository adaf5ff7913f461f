package io.miaopu.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.incubation.contract.testing.DivisionFixtures;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each target's arithmetic on a crafted county of the test's own, with the expected figures worked
 * out by hand in the comments: tier and city averages (urban, rural), year boundaries,
 * deregistration, a correction that moves an organization, redeliveries, the functional zone's
 * assigned township, federations (T8, T9 and a pilot county), training (T10, T13), hub
 * demonstrations (T11) and the incubation system (T12); the drill-down, its work list and its scope.
 */
@QuarkusTest
class PlanArithmeticTest {

    static final String F = "FUNCTIONAL_SERVICE";
    static final String I = "INTEREST_VOLUNTEER";

    /** County C: streets S1, S2; towns T1, T2; township X1. Zone Z holds town ZT, whose code begins with C's. */
    static String c;
    static String s1;
    static String s2;
    static String t1;
    static String t2;
    static String x1;
    static String u1;
    static String r1;
    static String u2;
    static String r2;
    static String r3;
    static String zone;
    static String zt;
    static String zu;

    private static boolean prepared;

    /** Once for the class (in a @BeforeEach: the test's HTTP port is known there). */
    @BeforeEach
    void dataSet() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        MetricsTestSupport.hierarchy();
        int n = ThreadLocalRandom.current().nextInt(100_000);
        c = "8" + String.format("%05d", n);
        s1 = c + "001";
        s2 = c + "002";
        t1 = c + "101";
        t2 = c + "102";
        x1 = c + "201";
        u1 = s1 + "001";
        r1 = s1 + "201";
        u2 = t1 + "001";
        r2 = t1 + "201";
        r3 = x1 + "201";
        zone = "Z" + String.format("%05d", n);
        zt = c + "103";
        zu = zt + "001";
        DivisionFixtures.publish(List.of(
                new DivisionState(c, "算术县", "COUNTY", "5111", "COUNTY", true, 1),
                new DivisionState(zone, "算术功能区", "COUNTY", "5111", "FUNCTIONAL_ZONE", true, 1),
                new DivisionState(s1, "一街道", "TOWNSHIP", c, "STREET", true, 1),
                new DivisionState(s2, "二街道", "TOWNSHIP", c, "STREET", true, 1),
                new DivisionState(t1, "一镇", "TOWNSHIP", c, "TOWN", true, 1),
                new DivisionState(t2, "二镇", "TOWNSHIP", c, "TOWN", true, 1),
                new DivisionState(x1, "一乡", "TOWNSHIP", c, "TOWNSHIP", true, 1),
                new DivisionState(zt, "划入功能区的镇", "TOWNSHIP", zone, "TOWN", true, 1),
                new DivisionState(u1, "一社区", "VILLAGE", s1, "URBAN_COMMUNITY", true, 1),
                new DivisionState(r1, "一村", "VILLAGE", s1, "RURAL_COMMUNITY", true, 1),
                new DivisionState(u2, "二社区", "VILLAGE", t1, "URBAN_COMMUNITY", true, 1),
                new DivisionState(r2, "二村", "VILLAGE", t1, "RURAL_COMMUNITY", true, 1),
                new DivisionState(r3, "三村", "VILLAGE", x1, "RURAL_COMMUNITY", true, 1),
                new DivisionState(zu, "功能区社区", "VILLAGE", zt, "URBAN_COMMUNITY", true, 1)));
        // C joins tier A (T3: 15 per urban, 8 per rural community).
        String admin = Tokens.of("city-admin");
        ValidatableResponse t3 = given().auth().oauth2(admin).when().get("/api/v1/targets/T3").then().statusCode(200);
        List<String> counties = new ArrayList<>(t3.extract().jsonPath().getList("counties", String.class));
        counties.add(c);
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", t3.extract().header("ETag"))
                .body(Map.of("counties", counties, "fromYear", 2021, "reason", "算术县纳入第一档（测试）")).when().put("/api/v1/targets/T3")
                .then().statusCode(200);

        List<UUID> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            // Organizations. U1: F 2021, F 2022, I 2024-12-31, I 2025-01-01, F 2023 deregistered in 2024, F 2024 abnormal.
            UUID first = UUID.randomUUID();
            EventEnvelope firstEvent = org(producer, sent, first, "filed", u1, F, "2021-03-01", "ACTIVE", 1);
            MetricsTestSupport.send(producer, "registry", firstEvent).get(); // redelivered: counted once
            org(producer, sent, first, "updated", u1, F, "2021-03-01", "ACTIVE", 1); // same version again: no change
            org(producer, sent, UUID.randomUUID(), "filed", u1, F, "2022-06-01", "ACTIVE", 1);
            org(producer, sent, UUID.randomUUID(), "filed", u1, I, "2024-12-31", "ACTIVE", 1);
            org(producer, sent, UUID.randomUUID(), "filed", u1, I, "2025-01-01", "ACTIVE", 1);
            // Registered 2023-03-03, its deregistration recorded on 2024-06-01: it counts for 2023 only.
            UUID gone = UUID.randomUUID();
            org(producer, sent, gone, "registered", u1, F, "2023-03-03", "ACTIVE", 1);
            EventEnvelope deregistration = new EventEnvelope(UUID.randomUUID(), "/miaopu/registry",
                    "io.miaopu.registry.organization.status-changed.v1", gone.toString(),
                    java.time.OffsetDateTime.parse("2024-06-01T10:00:00+08:00"),
                    MetricsTestSupport.organizationState(gone, u1, F, "2023-03-03", "DEREGISTERED", 2));
            MetricsTestSupport.send(producer, "registry", deregistration).get();
            sent.add(deregistration.id());
            org(producer, sent, UUID.randomUUID(), "filed", u1, F, "2024-04-04", "ABNORMAL", 1);
            // R1: I 2022, F 2025-12-31. U2: F 2020 (before the plan, still exists).
            org(producer, sent, UUID.randomUUID(), "filed", r1, I, "2022-02-02", "ACTIVE", 1);
            org(producer, sent, UUID.randomUUID(), "filed", r1, F, "2025-12-31", "ACTIVE", 1);
            org(producer, sent, UUID.randomUUID(), "filed", u2, F, "2020-05-05", "ACTIVE", 1);
            // Filed in R3 in 2023, then corrected to R2.
            UUID moved = UUID.randomUUID();
            org(producer, sent, moved, "filed", r3, I, "2023-08-08", "ACTIVE", 1);
            org(producer, sent, moved, "updated", r2, I, "2023-08-08", "ACTIVE", 2);
            // The zone's community (its code begins with C's): the zone's, not C's.
            org(producer, sent, UUID.randomUUID(), "filed", zu, F, "2024-01-01", "ACTIVE", 1);

            // Federations: S1 since 2024-05-01; T1 since 2025-12-31; T2 2023-01-01 until 2025-06-01; X1 since 2026-01-01.
            fed(producer, sent, "established", MetricsTestSupport.federation(UUID.randomUUID(), s1, "2024-05-01", null, 1));
            fed(producer, sent, "established", MetricsTestSupport.federation(UUID.randomUUID(), t1, "2025-12-31", null, 1));
            UUID t2Federation = UUID.randomUUID();
            fed(producer, sent, "established", MetricsTestSupport.federation(t2Federation, t2, "2023-01-01", null, 1));
            fed(producer, sent, "dissolved", MetricsTestSupport.federation(t2Federation, t2, "2023-01-01", "2025-06-01", 2));
            fed(producer, sent, "established", MetricsTestSupport.federation(UUID.randomUUID(), x1, "2026-01-01", null, 1));

            // Hub demonstrations: one since 2024, one 2025-03-03 revoked 2025-09-09, one since 2026-02-02.
            incubation(producer, sent, "hub-demonstration.certified", MetricsTestSupport.demonstration(UUID.randomUUID(), c, "2024-01-01", null, 1));
            UUID revoked = UUID.randomUUID();
            incubation(producer, sent, "hub-demonstration.certified", MetricsTestSupport.demonstration(revoked, s1, "2025-03-03", null, 1));
            incubation(producer, sent, "hub-demonstration.revoked", MetricsTestSupport.demonstration(revoked, s1, "2025-03-03", "2025-09-09", 2));
            incubation(producer, sent, "hub-demonstration.certified", MetricsTestSupport.demonstration(UUID.randomUUID(), t1, "2026-02-02", null, 1));

            // Incubators: C since 2025-02-02; S1 since 2023; U1 2022 until 2024-06-01.
            incubation(producer, sent, "incubator.opened", MetricsTestSupport.incubator(UUID.randomUUID(), "COUNTY", c, "2025-02-02", null, 1));
            incubation(producer, sent, "incubator.opened", MetricsTestSupport.incubator(UUID.randomUUID(), "TOWNSHIP", s1, "2023-01-01", null, 1));
            UUID closed = UUID.randomUUID();
            incubation(producer, sent, "incubator.opened", MetricsTestSupport.incubator(closed, "VILLAGE", u1, "2022-01-01", null, 1));
            incubation(producer, sent, "incubator.closed", MetricsTestSupport.incubator(closed, "VILLAGE", u1, "2022-01-01", "2024-06-01", 2));

            // Training: S1 2021, 2025 (reversed), 2025, 2026; T1 2020 only (before the plan); the county office 2023.
            UUID session = UUID.randomUUID();
            training(producer, sent, session, "attendance.recorded", MetricsTestSupport.attendance(UUID.randomUUID(), null, session, "2021-05-05", u1, s1));
            UUID reversed = UUID.randomUUID();
            training(producer, sent, session, "attendance.recorded", MetricsTestSupport.attendance(reversed, null, session, "2025-12-31", u1, s1));
            training(producer, sent, session, "attendance.reversed", MetricsTestSupport.attendance(UUID.randomUUID(), reversed, session, "2025-12-31", u1, s1));
            training(producer, sent, session, "attendance.recorded", MetricsTestSupport.attendance(UUID.randomUUID(), null, session, "2025-12-31", r1, s1));
            training(producer, sent, session, "attendance.recorded", MetricsTestSupport.attendance(UUID.randomUUID(), null, session, "2026-01-01", u1, s1));
            training(producer, sent, session, "attendance.recorded", MetricsTestSupport.attendance(UUID.randomUUID(), null, session, "2020-12-31", u2, t1));
            training(producer, sent, session, "attendance.recorded", MetricsTestSupport.attendance(UUID.randomUUID(), null, session, "2023-03-03", c, null));
            producer.flush();
        }
        MetricsTestSupport.awaitApplied(sent, 300);
    }

    @Test
    void averagesPerTierUrbanAndRuralCountExistingOrganizationsByTheEndOfTheYear() {
        // 2025: urban U1 (2021, 2022, I-2024, I-2025, abnormal 2024 = 5; the deregistered one no more) + U2 (1) = 6 in 2
        // communities; rural R1 (2) + R2 (1, moved from R3) + R3 (0) = 3 in 3 communities.
        ValidatableResponse p = progress(c, 2025);
        target(p, "T1", "value", 3.0f).body(path("T1", "numerator"), equalTo(6)).body(path("T1", "denominator"), equalTo(2))
                .body(path("T1", "threshold"), equalTo(12)).body(path("T1", "met"), equalTo(false)).body(path("T1", "gap"), equalTo(18));
        target(p, "T2", "value", 1.0f).body(path("T2", "numerator"), equalTo(3)).body(path("T2", "gap"), equalTo(12));
        // T3 for C alone: urban 6 of ⌈15×2⌉ = 30 (gap 24), rural 3 of ⌈8×3⌉ = 24 (gap 21): no pair met.
        target(p, "T3", "value", 0.0f).body(path("T3", "denominator"), equalTo(2)).body(path("T3", "gap"), equalTo(45))
                .body(path("T3", "met"), equalTo(false))
                .body(path("T3", "parts.find { it.label == 'URBAN' }.gap"), equalTo(24))
                .body(path("T3", "parts.find { it.label == 'RURAL' }.value"), equalTo(1.0f));
        p.body("targets.target", not(hasItem("T4"))).body("targets.target", not(hasItem("T5"))).body("asOf", notNullValue());
        // 2024: urban U1 4 (2021, 2022, I-2024, abnormal 2024; the 2023 one was deregistered in 2024) + U2 1 = 5; rural
        // R1 1 + R2 1 = 2. 2023: U1 3 (2021, 2022 and the 2023 one, deregistered only later) + U2 1 = 4.
        // Forecast of T1 from 2024: 4 at the end of 2023, the pace 1 a year carries 4 + 1 × 2 (2024, 2025) = 6 < ⌈12 × 2⌉ = 24.
        ValidatableResponse y2024 = progress(c, 2024);
        target(y2024, "T1", "numerator", 5).body(path("T2", "numerator"), equalTo(2))
                .body(path("T1", "forecast.yearlyPace"), equalTo(1.0f)).body(path("T1", "forecast.projected"), equalTo(6.0f))
                .body(path("T1", "forecast.onTrack"), equalTo(false)).body(path("T1", "forecast.dueYear"), equalTo(2025));
        target(progress(c, 2023), "T1", "numerator", 4);
        // The county table agrees, and leaves the zone's community out of C.
        given().auth().oauth2(Tokens.of("city-admin")).queryParam("year", 2025).when().get("/api/v1/progress/counties").then()
                .statusCode(200)
                .body("counties.find { it.code == '" + c + "' }.target", equalTo("T3"))
                .body("counties.find { it.code == '" + c + "' }.urban.organizations", equalTo(6))
                .body("counties.find { it.code == '" + c + "' }.urban.gap", equalTo(24))
                .body("counties.find { it.code == '" + c + "' }.rural.communities", equalTo(3))
                .body("counties.find { it.code == '" + zone + "' }.urban.organizations", equalTo(1))
                .body("counties.find { it.code == '" + zone + "' }.target", nullValue());
    }

    @Test
    void newOrganizationsCountInTheYearOfRegistrationWhateverTheirStatus() {
        // 2023: F = the deregistered one; I = the one moved to R2. 2024: F = the abnormal one (the zone's is not C's); I = U1's.
        // 2025: F = R1's of 2025-12-31; I = U1's of 2025-01-01. Below the city the yearly 100 is not apportioned.
        target(progress(c, 2023), "T6", "value", 1).body(path("T7", "value"), equalTo(1)).body(path("T6", "met"), nullValue());
        target(progress(c, 2024), "T6", "value", 1).body(path("T7", "value"), equalTo(1));
        target(progress(c, 2025), "T6", "value", 1).body(path("T7", "value"), equalTo(1)).body(path("T6", "gap"), nullValue());
        target(progress(zone, 2024), "T6", "value", 1);
        // The city: met and gap against 100.
        ValidatableResponse city = progress(null, 2025);
        int t6 = city.extract().path(path("T6", "value"));
        city.body(path("T6", "threshold"), equalTo(100)).body(path("T6", "met"), equalTo(t6 >= 100))
                .body(path("T6", "gap"), equalTo(Math.max(0, 100 - t6)));
    }

    @Test
    void federationCoverageByKindOfUnitWithThePilotCountiesReportedApart() {
        // 2025: streets S1 (yes), S2 (no) = 1/2, ⌈1.00 × 2⌉ − 1 = 1 to go. Towns and townships T1 (2025-12-31, yes),
        // T2 (dissolved 2025-06-01), X1 (from 2026) = 1/3, ⌈0.75 × 3⌉ − 1 = 2 to go.
        ValidatableResponse y2025 = progress(c, 2025);
        target(y2025, "T8", "value", 0.5f).body(path("T8", "numerator"), equalTo(1)).body(path("T8", "gap"), equalTo(1));
        target(y2025, "T9", "value", 0.3333f).body(path("T9", "denominator"), equalTo(3)).body(path("T9", "gap"), equalTo(2));
        // 2024: T2 still active, T1 not yet: 1/3. 2026: T1 and X1: 2/3.
        target(progress(c, 2024), "T9", "numerator", 1).body(path("T8", "numerator"), equalTo(1));
        target(progress(c, 2026), "T9", "value", 0.6667f).body(path("T9", "gap"), equalTo(1));
        // C becomes a pilot county: T9 leaves it out and reports it beside.
        String admin = Tokens.of("city-admin");
        ValidatableResponse t9 = given().auth().oauth2(admin).when().get("/api/v1/targets/T9").then().statusCode(200);
        List<String> excluded = new ArrayList<>(t9.extract().jsonPath().getList("excluded", String.class));
        List<String> withC = new ArrayList<>(excluded);
        withC.add(c);
        String etag = revise(admin, "T9", t9.extract().header("ETag"), Map.of("excluded", withC, "reason", "算术县试点（测试）"));
        target(progress(c, 2026), "T9", "denominator", 0).body(path("T9", "value"), nullValue())
                .body(path("T9", "parts[0].code"), equalTo(c)).body(path("T9", "parts[0].label"), equalTo("PILOT"))
                .body(path("T9", "parts[0].numerator"), equalTo(2)).body(path("T9", "parts[0].denominator"), equalTo(3));
        revise(admin, "T9", etag, Map.of("excluded", excluded, "reason", "恢复"));
    }

    @Test
    void trainingCountsPersonTimesNetOfReversalsFromThePlansFirstYear() {
        // Through 2025: S1 2021 (1) + 2025 (1 + 1 − 1 reversed) + the county office 2023 (1) = 3; T1's 2020 is before
        // the plan. Through 2026: 4. T13: only S1 of the 5 township-level units has a person-time: 0.2, 4 to go.
        ValidatableResponse y2025 = progress(c, 2025);
        target(y2025, "T10", "value", 3).body(path("T10", "met"), nullValue());
        target(y2025, "T13", "value", 0.2f).body(path("T13", "numerator"), equalTo(1)).body(path("T13", "denominator"), equalTo(5))
                .body(path("T13", "gap"), equalTo(4));
        target(progress(c, 2026), "T10", "value", 4);
        target(progress(c, 2022), "T10", "value", 1).body(path("T13", "numerator"), equalTo(1));
        target(progress(s1, 2025), "T10", "value", 2);
    }

    @Test
    void hubDemonstrationsAndTheIncubationSystem() {
        // T11: 2025 has the 2024 one (the other was revoked in 2025); 2026 adds 2026-02-02.
        target(progress(c, 2025), "T11", "value", 1);
        target(progress(c, 2026), "T11", "value", 2);
        // T12 for C: its own incubator from 2025-02-02; S1 of 5 township-level units; U1's closed in 2024: 0 of 5 villages.
        ValidatableResponse y2025 = progress(c, 2025);
        target(y2025, "T12", "value", 1.0f).body(path("T12", "met"), equalTo(true)).body(path("T12", "missing"), empty())
                .body(path("T12", "parts.find { it.label == 'TOWNSHIP' }.numerator"), equalTo(1))
                .body(path("T12", "parts.find { it.label == 'TOWNSHIP' }.denominator"), equalTo(5))
                .body(path("T12", "parts.find { it.label == 'VILLAGE' }.numerator"), equalTo(0));
        target(progress(c, 2024), "T12", "value", 0.0f).body(path("T12", "missing"), contains(c))
                .body(path("T12", "parts.find { it.label == 'VILLAGE' }.numerator"), equalTo(0));
        target(progress(c, 2023), "T12", "missing", List.of(c)).body(path("T12", "parts.find { it.label == 'VILLAGE' }.numerator"), equalTo(1));
        // The city needs the province, the city and every county-level unit: C is missing in 2024, not in 2025.
        progress(null, 2024).body(path("T12", "missing"), hasItem(c));
        progress(null, 2025).body(path("T12", "missing"), not(hasItem(c))).body(path("T12", "missing"), hasItem(zone));
    }

    @Test
    void drillDownToTheCommunityWithTheWorkListLargestGapFirst() {
        String admin = Tokens.of("city-admin");
        given().auth().oauth2(admin).queryParam("year", 2025).when().get("/api/v1/progress/divisions/" + c).then().statusCode(200)
                .body("division.target", equalTo("T3")).body("division.urban.organizations", equalTo(6))
                .body("children.code", contains(s1, s2, t1, t2, x1))
                .body("children[0].urban.organizations", equalTo(5)).body("children[0].urban.gap", equalTo(10))
                .body("children[0].rural.organizations", equalTo(2)).body("children[0].rural.gap", equalTo(6))
                // U2 15 − 1 = 14, U1 15 − 5 = 10, R3 8 − 0, R2 8 − 1, R1 8 − 2
                .body("workList.total", equalTo(5)).body("workList.communities.code", contains(u2, u1, r3, r2, r1))
                .body("workList.communities.gap", contains(14, 10, 8, 7, 6));
        given().auth().oauth2(admin).queryParam("year", 2025).queryParam("limit", 2).when().get("/api/v1/progress/divisions/" + c)
                .then().body("workList.total", equalTo(5)).body("workList.communities.code", contains(u2, u1));
        given().auth().oauth2(admin).queryParam("year", 2025).when().get("/api/v1/progress/divisions/" + u1).then().statusCode(200)
                .body("children", empty()).body("division.urban.organizations", equalTo(5)).body("workList.communities.code", contains(u1));
        // The zone: its assigned town and community, against T1/T2 (it is in no tier here): ⌈12⌉ − 1 = 11.
        given().auth().oauth2(admin).queryParam("year", 2025).when().get("/api/v1/progress/divisions/" + zone).then().statusCode(200)
                .body("children.code", contains(zt)).body("division.target", equalTo("T1/T2"))
                .body("workList.communities[0].gap", equalTo(11));
        given().auth().oauth2(admin).when().get("/api/v1/progress/divisions/999999").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).queryParam("limit", 0).when().get("/api/v1/progress/divisions/" + c).then().statusCode(400)
                .body("errors.field", contains("limit"));
        given().auth().oauth2(admin).queryParam("year", 2020).when().get("/api/v1/progress").then().statusCode(400)
                .body("errors.field", contains("year"));
        given().auth().oauth2(admin).queryParam("division", "nowhere").when().get("/api/v1/progress").then().statusCode(400)
                .body("errors.field", contains("division"));
    }

    @Test
    void countyOfficersAndClerksDrillDownWithinTheirJurisdictionOnly() {
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/progress").then().statusCode(200)
                .body("division.code", equalTo("5111"));
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/progress/counties").then().statusCode(200);
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/progress/divisions/511102004").then().statusCode(200);
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/progress/divisions/511102004001").then().statusCode(200);
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/progress/divisions/511102006").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/progress/divisions/5111").then().statusCode(403);
        given().auth().oauth2(Tokens.of("county-shizhong")).when().get("/api/v1/progress/divisions/511102").then().statusCode(200);
        given().auth().oauth2(Tokens.of("county-shizhong")).when().get("/api/v1/progress/divisions/511126").then().statusCode(403);
        given().auth().oauth2(Tokens.of("county-shizhong")).queryParam("division", "511126").when().get("/api/v1/progress")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.of("province-platform")).when().get("/api/v1/progress/divisions/" + c).then().statusCode(200);
        given().auth().oauth2(Tokens.of("exchange-reader")).when().get("/api/v1/progress/divisions/" + c).then().statusCode(403);
        given().auth().oauth2(Tokens.of("exchange-reader")).when().get("/api/v1/progress").then().statusCode(403);
        given().when().get("/api/v1/progress").then().statusCode(401);
    }

    @Test
    void theReportHoldsTheTargetsAndTheCountyTable() throws Exception {
        String admin = Tokens.of("city-admin");
        byte[] csv = given().auth().oauth2(admin).queryParam("format", "csv").queryParam("year", 2025)
                .when().get("/api/v1/reports/progress").then().statusCode(200).contentType("text/csv")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("miaopu-progress-leshan-2021-2025-2025.csv"))
                .extract().asByteArray();
        String text = new String(csv, java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(text.startsWith("\uFEFF目标 Target"), text.substring(0, 40));
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("\nT13,"), "every target");
        org.junit.jupiter.api.Assertions.assertTrue(text.contains("\n" + c + ",算术县,T3,2,6,3.00,15,24,3,3,1.00,8,21"), text);
        byte[] xlsx = given().auth().oauth2(admin).queryParam("year", 2025).when().get("/api/v1/reports/progress").then()
                .statusCode(200).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").extract().asByteArray();
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(xlsx))) {
            String sheet = null;
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    sheet = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            org.junit.jupiter.api.Assertions.assertNotNull(sheet);
            org.junit.jupiter.api.Assertions.assertTrue(sheet.contains("算术县") && sheet.contains("T12"), "county table and targets");
        }
        given().auth().oauth2(admin).queryParam("format", "pdf").when().get("/api/v1/reports/progress").then().statusCode(400)
                .body("errors.field", contains("format"));
    }

    private static EventEnvelope org(KafkaProducer<String, String> producer, List<UUID> sent, UUID id, String fact, String community,
                                     String category, String registeredOn, String status, long version) throws Exception {
        EventEnvelope event = MetricsTestSupport.event("registry", "organization." + fact, id.toString(),
                MetricsTestSupport.organizationState(id, community, category, registeredOn, status, version));
        MetricsTestSupport.send(producer, "registry", event).get();
        sent.add(event.id());
        return event;
    }

    private static void fed(KafkaProducer<String, String> producer, List<UUID> sent, String fact, String data) throws Exception {
        incubation(producer, sent, "federation." + fact, data);
    }

    private static void incubation(KafkaProducer<String, String> producer, List<UUID> sent, String fact, String data) throws Exception {
        String id = data.substring(7, 43);
        EventEnvelope event = MetricsTestSupport.event("incubation", fact, id, data);
        MetricsTestSupport.send(producer, "incubation", event).get();
        sent.add(event.id());
    }

    private static void training(KafkaProducer<String, String> producer, List<UUID> sent, UUID session, String fact, String data)
            throws Exception {
        EventEnvelope event = MetricsTestSupport.event("training", fact, session.toString(), data);
        MetricsTestSupport.send(producer, "training", event).get();
        sent.add(event.id());
    }

    static ValidatableResponse progress(String division, int year) {
        var request = given().auth().oauth2(Tokens.of("city-admin")).queryParam("year", year);
        if (division != null) {
            request = request.queryParam("division", division);
        }
        return request.when().get("/api/v1/progress").then().statusCode(200).body("year", equalTo(year));
    }

    private static ValidatableResponse target(ValidatableResponse response, String target, String field, Object expected) {
        return response.body(path(target, field), equalTo(expected));
    }

    private static String path(String target, String field) {
        return "targets.find { it.target == '" + target + "' }." + field;
    }

    /** A revision of the ACTIVE 2021–2025 plan applying to every year of it. */
    private static String revise(String token, String target, String etag, Map<String, Object> body) {
        Map<String, Object> fromTheStart = new java.util.HashMap<>(body);
        fromTheStart.putIfAbsent("fromYear", 2021);
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag).body(fromTheStart)
                .when().put("/api/v1/targets/" + target).then().statusCode(200).extract().header("ETag");
    }
}
