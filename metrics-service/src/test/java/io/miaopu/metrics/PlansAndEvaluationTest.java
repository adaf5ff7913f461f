package io.miaopu.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.miaopu.metrics.service.ProgressService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Plans as data (issue 18): the 2021–2025 plan evaluated and closed, a plan after it written, activated and
 * measured beside it, revisions from a year on, the options the plan text leaves to the bureau, and the frozen
 * evaluation with its drift. It changes the city's plans, so it runs after every other test class of the module.
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class PlansAndEvaluationTest {

    private static final String OLD = "leshan-2021-2025";
    private static final String F = "FUNCTIONAL_SERVICE";

    @BeforeEach
    void hierarchy() throws Exception {
        MetricsTestSupport.hierarchy();
    }

    @Test
    void plansAreWrittenActivatedEvaluatedAndClosedAndTheirFiguresNeverDrift() throws Exception {
        String admin = Tokens.of("city-admin");
        MetricsTestSupport.County c = MetricsTestSupport.privateCounty();
        MetricsTestSupport.County other = MetricsTestSupport.privateCounty();
        caughtUp();

        // ---- the migrated plan: today's 13 targets, unchanged, with the options recorded ----
        given().auth().oauth2(Tokens.of("clerk-dafo")).when().get("/api/v1/plans").then().statusCode(200)
                .body("find { it.id == '" + OLD + "' }.status", equalTo("ACTIVE"))
                .body("find { it.id == '" + OLD + "' }.firstYear", equalTo(2021)).body("find { it.id == '" + OLD + "' }.lastYear", equalTo(2025))
                .body("find { it.id == '" + OLD + "' }.divisionCode", equalTo("5111"));
        given().auth().oauth2(admin).when().get("/api/v1/plans/" + OLD + "/targets").then().statusCode(200).body("$", hasSize(13))
                .body("find { it.id == 'T11' }.options.demonstrations", equalTo("NET"))
                .body("find { it.id == 'T12' }.options.levels", contains("PROVINCE", "CITY", "COUNTY"))
                .body("find { it.id == 'T13' }.options.coverageBy", equalTo("TRAINEE_DIVISION"))
                .body("find { it.id == 'T6' }.options.demonstrations", equalTo(null));

        // ---- writing a plan: the bureau only, bad input refused with nothing written ----
        long plans = ServiceDatabase.count("select count(*) from plan");
        Map<String, Object> draft = Map.of("id", "test-2026-2030", "nameZh", "测试规划（2026—2030年）", "firstYear", 2026,
                "lastYear", 2030, "copyFrom", OLD);
        given().auth().oauth2(Tokens.of("county-shizhong")).contentType(ContentType.JSON).body(draft).when().post("/api/v1/plans")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("id", "Bad Id", "nameZh", "x", "firstYear", 2026,
                "lastYear", 2025)).when().post("/api/v1/plans").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("id", "lastYear"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("id", "test-x", "nameZh", "x", "firstYear", 2026,
                "lastYear", 2030, "copyFrom", "no-such-plan")).when().post("/api/v1/plans").then().statusCode(422)
                .body("errors.field", contains("copyFrom"));
        assertEquals(plans, ServiceDatabase.count("select count(*) from plan"));

        // a copy of the old plan's targets, years shifted by five
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(draft).when().post("/api/v1/plans").then().statusCode(201)
                .header("ETag", "\"1\"").body("status", equalTo("DRAFT")).body("copiedFrom", equalTo(OLD));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(draft).when().post("/api/v1/plans").then().statusCode(409)
                .body("errors.field", contains("id"));
        String next = "test-2026-2030";
        given().auth().oauth2(admin).when().get("/api/v1/plans/" + next + "/targets").then().body("$", hasSize(13))
                .body("find { it.id == 'T6' }.firstYear", equalTo(2026)).body("find { it.id == 'T6' }.dueYear", equalTo(2030))
                .body("find { it.id == 'T12' }.dueYear", equalTo(2028)).body("find { it.id == 'T3' }.urbanThreshold", equalTo(15));
        // a draft's targets are edited (no fromYear), added (a kind that exists, an id unique in the plan) and removed
        String t6 = etag("/api/v1/plans/" + next + "/targets/T6");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", t6)
                .body(Map.of("threshold", 150, "fromYear", 2027, "reason", "x")).when().put("/api/v1/plans/" + next + "/targets/T6")
                .then().statusCode(400).body("errors.field", contains("fromYear"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", t6)
                .body(Map.of("threshold", 150, "reason", "十五五提高年度新增目标（演示）")).when().put("/api/v1/plans/" + next + "/targets/T6")
                .then().statusCode(200).body("threshold", equalTo(150));
        Map<String, Object> t14 = Map.of("id", "T14", "kind", "NEW_PER_YEAR", "nameZh", "每年新增社区社会组织（合计）", "unit",
                "organizations per year", "threshold", 250, "category", F, "firstYear", 2026);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(t14).when().post("/api/v1/plans/" + next + "/targets").then()
                .statusCode(201).body("dueYear", equalTo(2030));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(t14).when().post("/api/v1/plans/" + next + "/targets").then()
                .statusCode(409).body("errors.field", contains("id"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("id", "T15", "kind", "HUB_DEMONSTRATIONS", "nameZh", "x",
                "unit", "organizations", "threshold", 5, "firstYear", 2021)).when().post("/api/v1/plans/" + next + "/targets").then()
                .statusCode(400).body("errors.field", contains("firstYear"));
        given().auth().oauth2(admin).header("If-Match", "\"1\"").when().delete("/api/v1/plans/" + next + "/targets/T14").then()
                .statusCode(204);
        // the old plan is ACTIVE: no targets added to it
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(t14).when().post("/api/v1/plans/" + OLD + "/targets").then()
                .statusCode(409);

        // no plan covers this year yet: without a year, the last plan at its last year, never this year against its
        // targets; a year asked for is measured against the last plan before it, which the answer names
        given().auth().oauth2(admin).when().get("/api/v1/progress").then().statusCode(200).body("plan", equalTo(OLD))
                .body("year", equalTo(2025));
        given().auth().oauth2(admin).queryParam("year", ProgressService.thisYear()).when().get("/api/v1/progress").then()
                .statusCode(200).body("plan", equalTo(OLD)).body("year", equalTo(ProgressService.thisYear()));

        // a final evaluation only after the last year; closing only after one
        given().auth().oauth2(admin).header("If-Match", "\"1\"").when().post("/api/v1/plans/" + next + "/activate").then()
                .statusCode(200).body("status", equalTo("ACTIVE"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("note", "x")).when()
                .post("/api/v1/plans/" + next + "/evaluations").then().statusCode(422);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("id", "test-2028-2032", "nameZh", "重叠规划",
                "firstYear", 2028, "lastYear", 2032, "copyFrom", next)).when().post("/api/v1/plans").then().statusCode(201);
        given().auth().oauth2(admin).header("If-Match", "\"1\"").when().post("/api/v1/plans/test-2028-2032/activate").then()
                .statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(admin).header("If-Match", etag("/api/v1/plans/" + OLD)).when().post("/api/v1/plans/" + OLD + "/close")
                .then().statusCode(422);

        // ---- the two plans beside each other ----
        // (before the next plan was activated, a question without a year measured 2021–2025 at its last year)
        given().auth().oauth2(admin).queryParam("year", 2025).when().get("/api/v1/progress").then().statusCode(200)
                .body("plan", equalTo(OLD)).body("year", equalTo(2025));
        given().auth().oauth2(admin).when().get("/api/v1/progress").then().statusCode(200).body("plan", equalTo(next))
                .body("year", equalTo(2026)).body("targets.find { it.target == 'T6' }.threshold", equalTo(150));
        given().auth().oauth2(admin).queryParam("plan", OLD).queryParam("year", 2026).when().get("/api/v1/progress").then()
                .statusCode(400).body("errors.field", contains("year"));
        given().auth().oauth2(admin).queryParam("plan", "nope").when().get("/api/v1/progress").then().statusCode(400)
                .body("errors.field", contains("plan"));
        given().auth().oauth2(admin).queryParam("year", 2026).when().get("/api/v1/progress/counties").then().body("plan", equalTo(next));
        given().auth().oauth2(admin).queryParam("plan", OLD).when().get("/api/v1/progress/yearly").then().body("plan", equalTo(OLD))
                .body("years.year", contains(2021, 2022, 2023, 2024, 2025));
        given().auth().oauth2(admin).when().get("/api/v1/targets").then().body("planId", hasItem(next)).body("$", hasSize(13));

        // ---- a revision applies from its stated year only ----
        String t6old = etag("/api/v1/plans/" + OLD + "/targets/T6");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", t6old)
                .body(Map.of("threshold", 120, "fromYear", 2024, "reason", "中期评估调整（测试）")).when()
                .put("/api/v1/plans/" + OLD + "/targets/T6").then().statusCode(200).body("threshold", equalTo(120));
        JsonPath yearly = given().auth().oauth2(admin).queryParam("plan", OLD).when().get("/api/v1/progress/yearly").then()
                .extract().jsonPath();
        for (int year = 2021; year <= 2025; year++) {
            assertEquals(year < 2024 ? 100 : 120, yearly.getInt("years.find { it.year == " + year + " }.figures.find { it.target == 'T6' }.threshold"),
                    "T6 in " + year);
        }
        target(OLD, 2023, null, "T6", "threshold", 100);
        target(OLD, 2025, null, "T6", "threshold", 120);
        // a later revision may not start before it
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag("/api/v1/plans/" + OLD + "/targets/T6"))
                .body(Map.of("threshold", 110, "fromYear", 2023, "reason", "x")).when().put("/api/v1/plans/" + OLD + "/targets/T6")
                .then().statusCode(422).body("errors.field", contains("fromYear"));

        // ---- the options the plan text leaves to the bureau change the figures as documented ----
        List<UUID> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            UUID revoked = UUID.randomUUID();
            MetricsTestSupport.publish(producer, sent, "incubation", "hub-demonstration.certified", revoked.toString(),
                    MetricsTestSupport.demonstration(revoked, c.urban0(), "2022-05-05", null, 1));
            MetricsTestSupport.publish(producer, sent, "incubation", "hub-demonstration.revoked", revoked.toString(),
                    MetricsTestSupport.demonstration(revoked, c.urban0(), "2022-05-05", "2024-04-04", 2));
            UUID session = UUID.randomUUID();
            String township0 = c.urban0().substring(0, 9);
            String township1 = c.urban1().substring(0, 9);
            // organized by township 0, attended by a trainee of township 1
            MetricsTestSupport.publish(producer, sent, "training", "attendance.recorded", session.toString(),
                    MetricsTestSupport.attendance(UUID.randomUUID(), null, session, township0, "2024-06-01", c.urban1(), township1));
        }
        MetricsTestSupport.awaitApplied(sent, 60);
        target(OLD, 2025, c.code(), "T11", "value", 0); // NET: revoked in 2024
        target(OLD, 2025, township0(c), "T13", "value", 0.0f); // by where trainees serve: township 1
        target(OLD, 2025, township1(c), "T13", "value", 1.0f);
        int townships = given().auth().oauth2(admin).queryParam("year", 2025).queryParam("plan", OLD).when().get("/api/v1/progress")
                .then().extract().path("targets.find { it.target == 'T12' }.parts.find { it.label == 'TOWNSHIP' }.denominator");
        int required = given().auth().oauth2(admin).queryParam("year", 2025).queryParam("plan", OLD).when().get("/api/v1/progress")
                .then().extract().path("targets.find { it.target == 'T12' }.denominator");
        revise(OLD, "T11", Map.of("options", Map.of("demonstrations", "CUMULATIVE")));
        revise(OLD, "T12", Map.of("options", Map.of("levels", List.of("PROVINCE", "CITY", "COUNTY", "TOWNSHIP"))));
        revise(OLD, "T13", Map.of("options", Map.of("coverageBy", "SESSION_LOCATION")));
        target(OLD, 2025, c.code(), "T11", "value", 1); // CUMULATIVE: certified within the period (累计创建)
        target(OLD, 2021, c.code(), "T11", "value", 0);
        target(OLD, 2025, township0(c), "T13", "value", 1.0f); // by where the session was held: township 0
        target(OLD, 2025, township1(c), "T13", "value", 0.0f);
        target(OLD, 2025, null, "T12", "denominator", required + townships);
        given().auth().oauth2(admin).when().get("/api/v1/plans/" + OLD + "/targets").then()
                .body("find { it.id == 'T11' }.options.demonstrations", equalTo("CUMULATIVE"));

        // ---- the final evaluation: frozen, byte-identical forever ----
        List<UUID> before = new ArrayList<>();
        UUID lateDeregistered = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            MetricsTestSupport.organization(producer, before, lateDeregistered, "filed", c.urban0(), F, "2022-02-02", "ACTIVE", null, 1);
            MetricsTestSupport.organization(producer, before, UUID.randomUUID(), "filed", c.urban0(), F, "2023-03-03", "ACTIVE", null, 1);
        }
        MetricsTestSupport.awaitApplied(before, 60);
        hierarchySettled();
        given().auth().oauth2(Tokens.of("county-shizhong")).contentType(ContentType.JSON).body(Map.of("note", "x")).when()
                .post("/api/v1/plans/" + OLD + "/evaluations").then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("note", "")).when()
                .post("/api/v1/plans/" + OLD + "/evaluations").then().statusCode(400).body("errors.field", contains("note"));
        assertEquals(0, ServiceDatabase.count("select count(*) from plan_evaluation"));
        ExtractableResponse<Response> made = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("note", "市民政局 2026 年 12 月终期评估（测试）")).when().post("/api/v1/plans/" + OLD + "/evaluations").then()
                .statusCode(201).contentType(ContentType.JSON).extract();
        byte[] frozen = made.asByteArray();
        JsonPath evaluation = new JsonPath(new String(frozen, StandardCharsets.UTF_8));
        String id = evaluation.getString("id");
        String sha = evaluation.getString("sha256");
        assertEquals("\"" + sha + "\"", made.header("ETag"));
        String text = new String(frozen, StandardCharsets.UTF_8);
        String figures = text.substring(text.indexOf("\"figures\":") + "\"figures\":".length(), text.lastIndexOf(",\"firstYear\":"));
        assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(figures.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(2021, 2022, 2023, 2024, 2025), evaluation.getList("figures.years.year", Integer.class));
        assertEquals("city-admin", evaluation.getString("evaluatedBy"));
        String countyUnits = "figures.years.find { it.year == 2025 }.units.find { it.code == '" + c.code() + "' }";
        assertEquals(2, evaluation.getInt(countyUnits + ".urban.organizations"));
        assertTrue(evaluation.getList("figures.years.find { it.year == 2025 }.units.code").contains(township0(c)));
        assertEquals(120, evaluation.getInt("figures.years.find { it.year == 2025 }.targets.find { it.target == 'T6' }.threshold"));
        assertEquals(100, evaluation.getInt("figures.years.find { it.year == 2023 }.targets.find { it.target == 'T6' }.threshold"));

        // ---- later: a late registration, a backdated deregistration ----
        List<UUID> after = new ArrayList<>();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            MetricsTestSupport.organization(producer, after, UUID.randomUUID(), "filed", c.rural0(), F, "2024-04-04", "ACTIVE", null, 1);
            MetricsTestSupport.organization(producer, after, lateDeregistered, "status-changed", c.urban0(), F, "2022-02-02",
                    "DEREGISTERED", "2025-03-01", 2);
        }
        MetricsTestSupport.awaitApplied(after, 60);
        // a township reassigned to another county from a day of 2025 (backdated), and one reassigned from today
        String moved = township1(c);
        io.miaopu.incubation.contract.testing.DivisionFixtures.publish(List.of(new io.miaopu.incubation.contract.DivisionState(
                moved, "测试镇", "TOWNSHIP", other.code(), "TOWN", true, 2, java.time.LocalDate.of(2025, 6, 1), List.of(
                        new io.miaopu.incubation.contract.DivisionState.Version(null, "测试镇", c.code(), "TOWN", true),
                        new io.miaopu.incubation.contract.DivisionState.Version(java.time.LocalDate.of(2025, 6, 1), "测试镇",
                                other.code(), "TOWN", true))),
                new io.miaopu.incubation.contract.DivisionState(township0(other), "测试街道", "TOWNSHIP", c.code(), "STREET", true,
                        2, io.miaopu.metrics.service.ProgressService.today(), List.of(
                        new io.miaopu.incubation.contract.DivisionState.Version(null, "测试街道", other.code(), "STREET", true),
                        new io.miaopu.incubation.contract.DivisionState.Version(io.miaopu.metrics.service.ProgressService.today(),
                                "测试街道", c.code(), "STREET", true)))));
        // and a target revised for the last year
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag("/api/v1/plans/" + OLD + "/targets/T7"))
                .body(Map.of("threshold", 90, "fromYear", 2025, "reason", "终期评估后校正（测试）")).when()
                .put("/api/v1/plans/" + OLD + "/targets/T7").then().statusCode(200);
        byte[] again = given().auth().oauth2(Tokens.of("province-platform")).when().get("/api/v1/plans/" + OLD + "/evaluations/" + id)
                .then().statusCode(200).header("ETag", "\"" + sha + "\"").extract().asByteArray();
        assertArrayEquals(frozen, again, "the evaluation is answered byte for byte as made");

        JsonPath drift = given().auth().oauth2(admin).when().get("/api/v1/plans/" + OLD + "/evaluations/" + id + "/drift").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, drift.getInt("sources.lateRegistrations"));
        assertEquals(1, drift.getInt("sources.backdatedStatusChanges"));
        assertEquals(2, drift.getInt("sources.organizationsChanged"));
        assertEquals(1, drift.getInt("sources.targetRevisions"));
        // the township moved in 2025 and both counties' communities, in 2025 only (today's move counts for no year of the plan)
        assertEquals(3, drift.getInt("sources.hierarchyChanges"), () -> "drift: " + drift.getList("figures.path").stream().limit(40).toList());
        assertEquals(c.code(), drift.getString("figures.find { it.path == 'years[2025].units[" + moved + "].county' }.frozen"));
        assertEquals(other.code(), drift.getString("figures.find { it.path == 'years[2025].units[" + moved + "].county' }.now"));
        assertEquals((Object) null, drift.get("figures.find { it.path == 'years[2024].units[" + moved + "].county' }"));
        assertFigure(drift, "years[2025].units[" + c.code() + "].urban.organizations", 2, 1); // deregistered from 2025-03-01
        assertFigure(drift, "years[2025].units[" + c.code() + "].rural.organizations", 0, 1); // registered late, in 2024
        assertFigure(drift, "years[2025].units[" + c.code() + "].urban.communities", 2, 1); // its township 1 moved in 2025
        assertFigure(drift, "years[2024].units[" + c.code() + "].rural.organizations", 0, 1);
        assertFigure(drift, "years[2024].units[" + c.code() + "].urban.organizations", null, null); // deregistered in 2025 only
        assertFigure(drift, "years[2025].targets[T7].threshold", 100, 90);
        assertFigure(drift, "years[2024].targets[T7].threshold", null, null); // the revision applies from 2025
        assertEquals(List.of(), drift.getList("figures.findAll { it.year != null && it.year < 2024 }.path"),
                "nothing before 2024 moved");

        // a plan closes only on an evaluation of its final targets: a corrected evaluation is a new one, both stay
        given().auth().oauth2(admin).header("If-Match", etag("/api/v1/plans/" + OLD)).when().post("/api/v1/plans/" + OLD + "/close")
                .then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("note", "更正后的终期评估（测试）")).when()
                .post("/api/v1/plans/" + OLD + "/evaluations").then().statusCode(201);
        given().auth().oauth2(admin).header("If-Match", etag("/api/v1/plans/" + OLD)).when().post("/api/v1/plans/" + OLD + "/close")
                .then().statusCode(200).body("status", equalTo("CLOSED"));
        long changes = ServiceDatabase.count("select count(*) from target_change");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag("/api/v1/plans/" + OLD + "/targets/T7"))
                .body(Map.of("threshold", 1, "fromYear", 2025, "reason", "x")).when().put("/api/v1/plans/" + OLD + "/targets/T7")
                .then().statusCode(409).contentType("application/problem+json");
        assertEquals(changes, ServiceDatabase.count("select count(*) from target_change"));
        target(OLD, 2025, null, "T7", "threshold", 90);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(t14).when().post("/api/v1/plans/" + OLD + "/targets").then()
                .statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(admin).header("If-Match", etag("/api/v1/plans/" + OLD)).when().post("/api/v1/plans/" + OLD + "/activate")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(admin).header("If-Match", etag("/api/v1/plans/" + OLD + "/targets/T7")).when()
                .delete("/api/v1/plans/" + OLD + "/targets/T7").then().statusCode(409);
        assertEquals(changes, ServiceDatabase.count("select count(*) from target_change"));
        given().auth().oauth2(admin).when().get("/api/v1/plans/" + OLD + "/targets").then().body("$", hasSize(13));
        given().auth().oauth2(admin).queryParam("year", 2025).when().get("/api/v1/plans/" + OLD).then().body("status", equalTo("CLOSED"));
        // options must name real levels: a null one is a 400, not a failure
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag("/api/v1/plans/" + next + "/targets/T12"))
                .body(Map.of("options", Map.of("levels", java.util.Arrays.asList("CITY", null)), "fromYear", 2027, "reason", "x"))
                .when().put("/api/v1/plans/" + next + "/targets/T12").then().statusCode(400).body("errors.field", contains("options.levels"));

        // ---- the evaluation as the bureau files it ----
        byte[] xlsx = given().auth().oauth2(admin).queryParam("format", "xlsx").when()
                .get("/api/v1/plans/" + OLD + "/evaluations/" + id).then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").extract().asByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            assertEquals(List.of("汇总", "分县", "乡镇街道", "年度新增"), workbook.getSheets().map(Sheet::getName).toList());
            List<Row> summary = workbook.getFirstSheet().read();
            Row t6in2025 = summary.stream().filter(r -> r.getCellCount() > 5 && "2025".equals(text(r, 0)) && "T6".equals(text(r, 1)))
                    .findFirst().orElseThrow();
            assertEquals(new BigDecimal(evaluation.getString("figures.years.find { it.year == 2025 }.targets.find { it.target == 'T6' }.value")),
                    new BigDecimal(text(t6in2025, 4)));
            List<Row> townshipRows = workbook.getSheets().toList().get(2).read();
            assertEquals("年度", text(townshipRows.get(0), 0));
            assertTrue(townshipRows.stream().anyMatch(r -> township0(c).equals(text(r, 1))));
        }
        given().auth().oauth2(admin).queryParam("format", "pdf").when().get("/api/v1/plans/" + OLD + "/evaluations/" + id).then()
                .statusCode(400);
        given().auth().oauth2(admin).when().get("/api/v1/plans/" + OLD + "/evaluations/" + UUID.randomUUID()).then().statusCode(404);

        // ---- on the exchange feed ----
        assertEquals(1, ServiceDatabase.count("select count(*) from exchange_event where type = 'io.miaopu.exchange.plan-evaluation.v1' "
                + "and data ->> 'sha256' = '" + sha + "' and data ->> 'plan' = '" + OLD + "'"));
        // a corrected evaluation is a new one; both stay
        given().auth().oauth2(admin).when().get("/api/v1/plans/" + OLD + "/evaluations").then().body("$", hasSize(2))
                .body("[0].sha256", equalTo(sha)).body("[1].sha256", not(equalTo(sha)));
    }

    /**
     * The division replica replays its whole topic at every start (other modules' tests published divisions to it):
     * an evaluation freezes the hierarchy, so it waits until the replica stopped changing.
     */
    private static void hierarchySettled() throws Exception {
        String state = "select count(*) || ':' || coalesce(max(updated_at)::text, '') from division_replica";
        String last = null;
        int quiet = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (quiet < 6 && System.nanoTime() < deadline) {
            String now = ServiceDatabase.single(state);
            quiet = now.equals(last) ? quiet + 1 : 0;
            last = now;
            Thread.sleep(500);
        }
    }

    private static void caughtUp() throws Exception {
        List<String> sentinels = new ArrayList<>();
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            for (int partition = 0; partition < MetricsTestSupport.registryPartitions(producer); partition++) {
                sentinels.add("'" + MetricsTestSupport.organization(producer, partition, UUID.randomUUID(), "filed", "999999999999",
                        F, "2020-01-01", "ACTIVE", 1) + "'");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (ServiceDatabase.count("select count(*) from organization_projection where id in (" + String.join(",", sentinels) + ")")
                < sentinels.size()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the projection did not catch up with the topic");
            }
            Thread.sleep(100);
        }
    }

    /** A figure listed by drift with its frozen and current value, or (both null) not listed. */
    private static void assertFigure(JsonPath drift, String path, Integer frozen, Integer now) {
        String entry = "figures.find { it.path == '" + path + "' }";
        if (frozen == null) {
            assertEquals((Object) null, drift.get(entry), path + " did not drift");
            return;
        }
        assertEquals(0, new BigDecimal(frozen).compareTo(new BigDecimal(String.valueOf((Object) drift.get(entry + ".frozen")))),
                path + " frozen: " + drift.get(entry + ".frozen"));
        assertEquals(0, new BigDecimal(now).compareTo(new BigDecimal(String.valueOf((Object) drift.get(entry + ".now")))),
                path + " now: " + drift.get(entry + ".now"));
    }

    private static String township0(MetricsTestSupport.County c) {
        return c.urban0().substring(0, 9);
    }

    private static String township1(MetricsTestSupport.County c) {
        return c.urban1().substring(0, 9);
    }

    private static String text(Row row, int cell) {
        return row.getCellCount() > cell && row.getCell(cell) != null ? row.getCell(cell).getText() : null;
    }

    private static String etag(String path) {
        return given().auth().oauth2(Tokens.of("city-admin")).when().get(path).then().statusCode(200).extract().header("ETag");
    }

    private static void revise(String plan, String target, Map<String, Object> body) {
        Map<String, Object> withYear = new java.util.HashMap<>(body);
        withYear.put("fromYear", 2021);
        withYear.put("reason", "局务会议确定口径（测试）");
        given().auth().oauth2(Tokens.of("city-admin")).contentType(ContentType.JSON)
                .header("If-Match", etag("/api/v1/plans/" + plan + "/targets/" + target)).body(withYear)
                .when().put("/api/v1/plans/" + plan + "/targets/" + target).then().statusCode(200);
    }

    private static void target(String plan, int year, String division, String target, String field, Object value) {
        var request = given().auth().oauth2(Tokens.of("city-admin")).queryParam("plan", plan).queryParam("year", year);
        if (division != null) {
            request = request.queryParam("division", division);
        }
        request.when().get("/api/v1/progress").then().statusCode(200)
                .body("targets.find { it.target == '" + target + "' }." + field, equalTo(value));
    }
}
