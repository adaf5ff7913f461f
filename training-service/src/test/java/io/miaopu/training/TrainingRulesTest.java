package io.miaopu.training;

import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO_URBAN;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.QINGYI_COMMUNITY;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.RETIRED_COMMUNITY;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.TONGJIANG;
import static io.miaopu.training.TrainingTestSupport.SESSIONS;
import static io.miaopu.training.TrainingTestSupport.TRAINEES;
import static io.miaopu.training.TrainingTestSupport.attend;
import static io.miaopu.training.TrainingTestSupport.create;
import static io.miaopu.training.TrainingTestSupport.footprint;
import static io.miaopu.training.TrainingTestSupport.session;
import static io.miaopu.training.TrainingTestSupport.token;
import static io.miaopu.training.TrainingTestSupport.trainee;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.incubation.contract.testing.DivisionFixtures;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scope rules and every refusal: 4xx problem+json naming the fields, nothing written. */
@QuarkusTest
class TrainingRulesTest {

    @Inject
    EventSchemas schemas;

    @BeforeEach
    void hierarchy() throws Exception {
        DivisionFixtures.sample();
    }

    @Test
    void sessionsAreRecordedAndReadWithinTheJurisdiction() {
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2024-06-01", "DEMONSTRATION"));
        given().auth().oauth2(token("clerk-tongjiang")).contentType(ContentType.JSON)
                .body(session(DAFO, "2024-06-01", "DEMONSTRATION")).when().post(SESSIONS).then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token("province-platform")).contentType(ContentType.JSON)
                .body(session(DAFO, "2024-06-01", "DEMONSTRATION")).when().post(SESSIONS).then().statusCode(403);
        Map<String, Integer> read = Map.of("city-admin", 200, "county-shizhong", 200, "county-jiajiang", 404, "clerk-dafo", 200,
                "clerk-tongjiang", 404, "clerk-qingyi", 404, "province-platform", 200, "exchange-reader", 404);
        read.forEach((who, status) -> given().auth().oauth2(token(who)).when().get(SESSIONS + "/" + session).then()
                .statusCode(status));
        given().auth().oauth2(token("county-shizhong")).queryParam("division", DAFO).when().get(SESSIONS).then()
                .statusCode(200).body("items.id", hasItem(session));
        given().auth().oauth2(token("clerk-tongjiang")).queryParam("division", DAFO).when().get(SESSIONS).then().statusCode(403);
        given().auth().oauth2(token("exchange-reader")).when().get(SESSIONS).then().statusCode(403);
        given().auth().oauth2(token("county-jiajiang")).queryParam("division", "511102").when().get("/api/v1/training-ledger")
                .then().statusCode(403);
        given().auth().oauth2(token("clerk-dafo")).queryParam("division", "nowhere").when().get("/api/v1/training-ledger")
                .then().statusCode(400).body("errors.field", equalTo(List.of("division")));
        // attendance and reversal need write jurisdiction over the session
        String trainee = create("clerk-dafo", TRAINEES, trainee("赵敏", "VOLUNTEER", DAFO_URBAN));
        assertEquals(404, attend("clerk-tongjiang", session, trainee));
        assertEquals(403, attend("province-platform", session, trainee));
        assertEquals(201, attend("county-shizhong", session, trainee));
    }

    @Test
    void badInputIsRefusedNamingTheFieldsAndNothingIsWritten() throws Exception {
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2024-06-01", "ONLINE_CLASS"));
        Map<String, Object> known = trainee("钱进", "COMMUNITY_WORKER", DAFO_URBAN);
        String trainee = create("clerk-dafo", TRAINEES, known);
        String outside = create("clerk-qingyi", TRAINEES, trainee("孙立", "SOCIAL_WORKER", QINGYI_COMMUNITY));
        String before = footprint();

        refusedSession(400, List.of("heldOn"), b -> b.put("heldOn", tomorrow));
        refusedSession(400, List.of("hours"), b -> b.put("hours", -1));
        refusedSession(400, List.of("hours"), b -> b.put("hours", 0.25));
        refusedSession(400, List.of("topics"), b -> b.put("topics", List.of()));
        refusedSession(400, List.of("format"), b -> b.put("format", "LECTURE"));
        refusedSession(400, List.of("title", "organizingDivision"), b -> {
            b.put("title", " ");
            b.remove("organizingDivision");
        });
        refusedSession(422, List.of("organizingDivision"), b -> b.put("organizingDivision", "511102004998"));
        refusedSession(422, List.of("organizingDivision"), b -> b.put("organizingDivision", RETIRED_COMMUNITY));

        refused("/api/v1/trainees", 400, List.of("phone"), with(trainee("x", "VOLUNTEER", DAFO_URBAN), "phone", "12345"));
        refused("/api/v1/trainees", 400, List.of("role"), with(trainee("x", "VOLUNTEER", DAFO_URBAN), "role", "TEACHER"));
        refused("/api/v1/trainees", 422, List.of("divisionCode"), trainee("x", "VOLUNTEER", "511102004998"));
        refused("/api/v1/trainees", 422, List.of("organizationId"),
                with(trainee("x", "ORG_LEADER", DAFO_URBAN), "organizationId", java.util.UUID.randomUUID().toString()));
        refused("/api/v1/trainees", 409, List.of("phone"), with(trainee("另一个人", "VOLUNTEER", DAFO_URBAN), "phone", known.get("phone")));
        given().auth().oauth2(token("clerk-tongjiang")).contentType(ContentType.JSON).body(trainee("x", "VOLUNTEER", DAFO_URBAN))
                .when().post(TRAINEES).then().statusCode(403);

        refused(SESSIONS + "/" + session + "/attendances", 422, List.of("traineeId"),
                Map.of("traineeId", java.util.UUID.randomUUID().toString()));
        refused(SESSIONS + "/" + session + "/attendances", 422, List.of("traineeId"), Map.of("traineeId", outside));
        refused(SESSIONS + "/" + session + "/attendances", 400, List.of("traineeId"), Map.of());

        refused("/api/v1/exam-supports", 400, List.of("amountFen"),
                Map.of("traineeId", trainee, "kind", "EXAM_FEE", "amountFen", -500, "grantedOn", "2024-05-01"));
        refused("/api/v1/exam-supports", 400, List.of("amountFen", "grantedOn"),
                Map.of("traineeId", trainee, "kind", "EXAM_FEE", "amountFen", 0, "grantedOn", tomorrow));
        refused("/api/v1/exam-supports", 422, List.of("traineeId"), Map.of("traineeId", java.util.UUID.randomUUID().toString(),
                "kind", "MATERIALS", "amountFen", 8000, "grantedOn", "2024-05-01"));
        refused("/api/v1/exam-results", 400, List.of("year"),
                Map.of("traineeId", trainee, "year", 2007, "level", "ASSISTANT", "passed", true));
        assertEquals(before, footprint(), "refusals write nothing");

        // the same person again is the same trainee
        String again = given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(known)
                .when().post(TRAINEES).then().statusCode(200).extract().path("id");
        assertEquals(trainee, again);
        String support = create("clerk-dafo", "/api/v1/exam-supports",
                Map.of("traineeId", trainee, "kind", "PRE_EXAM_TRAINING", "amountFen", 30000, "grantedOn", "2024-05-01"));
        create("clerk-dafo", "/api/v1/exam-results", Map.of("traineeId", trainee, "year", 2024, "level", "ASSISTANT", "passed", true));
        refused("/api/v1/exam-results", 409, List.of("year"),
                Map.of("traineeId", trainee, "year", 2024, "level", "ASSISTANT", "passed", false));
        given().auth().oauth2(token("county-shizhong")).queryParam("traineeId", trainee).when().get("/api/v1/exam-supports")
                .then().statusCode(200).body("items[0].id", equalTo(support)).body("items[0].amountFen", equalTo(30000));
        given().auth().oauth2(token("county-jiajiang")).when().get("/api/v1/exam-results").then()
                .statusCode(200).body("items.traineeId", org.hamcrest.Matchers.not(hasItem(trainee)));
        for (String type : List.of("exam-support.granted", "exam-result.recorded")) {
            String payload = ServiceDatabase.single("select payload::text from outbox_event where aggregate_id = '" + trainee
                    + "' and type = 'io.miaopu.training." + type + ".v1'");
            schemas.validate("io.miaopu.training." + type + ".v1", payload);
            org.junit.jupiter.api.Assertions.assertFalse(payload.contains("钱进") || payload.contains((String) known.get("phone")));
        }
    }

    @Test
    void concurrentRequestsNeverMakeTwoPersonTimesOrTwoTrainees() throws Exception {
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2024-07-01", "NEW_MEDIA"));
        String trainee = create("clerk-dafo", TRAINEES, trainee("并发甲", "VOLUNTEER", DAFO_URBAN));
        Map<String, Object> person = trainee("并发乙", "VOLUNTEER", DAFO_URBAN);
        person.put("phone", " " + person.get("phone").toString().substring(0, 3) + "-" + person.get("phone").toString().substring(3));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> attendances = new java.util.ArrayList<>();
            List<java.util.concurrent.Future<String>> registrations = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                attendances.add(pool.submit(() -> attend("clerk-dafo", session, trainee)));
                registrations.add(pool.submit(() -> given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                        .body(person).when().post(TRAINEES).then().extract().path("id")));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : attendances) {
                statuses.add(f.get());
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var f : registrations) {
                ids.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, ids.size(), "one person, one trainee (the phone's spaces and dashes do not matter)");
            assertEquals(1, ServiceDatabase.count("select count(*) from attendance_entry where session_id = '" + session + "'"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readsAndCorrectionsOfLedgerEntriesFollowTheRules() throws Exception {
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2023-02-01", "DEMONSTRATION"));
        String other = create("clerk-dafo", SESSIONS, session(DAFO, "2023-03-01", "DEMONSTRATION"));
        String trainee = create("clerk-dafo", TRAINEES, trainee("冲正测试", "ORG_LEADER", DAFO_URBAN));
        String entry = given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(Map.of("traineeId", trainee))
                .when().post(SESSIONS + "/" + session + "/attendances").then().statusCode(201).extract().path("id");
        String before = footprint();
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(Map.of("reason", " "))
                .when().post(SESSIONS + "/" + session + "/attendances/" + entry + "/reversals").then()
                .statusCode(400).body("errors.field", equalTo(List.of("reason")));
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(Map.of("reason", "错了"))
                .when().post(SESSIONS + "/" + other + "/attendances/" + entry + "/reversals").then().statusCode(404);
        given().auth().oauth2(token("clerk-tongjiang")).contentType(ContentType.JSON).body(Map.of("reason", "错了"))
                .when().post(SESSIONS + "/" + session + "/attendances/" + entry + "/reversals").then().statusCode(404);
        assertEquals(before, footprint());
        String reversal = given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(Map.of("reason", "错了"))
                .when().post(SESSIONS + "/" + session + "/attendances/" + entry + "/reversals").then().statusCode(201)
                .extract().path("id");
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(Map.of("reason", "冲正的冲正"))
                .when().post(SESSIONS + "/" + session + "/attendances/" + reversal + "/reversals").then().statusCode(409);
        // trainees and sessions outside the jurisdiction are not there; lists filter by dates
        given().auth().oauth2(token("clerk-tongjiang")).when().get(TRAINEES + "/" + trainee).then().statusCode(404);
        given().auth().oauth2(token("county-shizhong")).when().get(TRAINEES + "/" + trainee).then().statusCode(200)
                .body("phone", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(token("clerk-qingyi")).queryParam("q", "冲正测试").when().get(TRAINEES).then()
                .statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(token("clerk-dafo")).queryParam("from", "2023-01-15").queryParam("to", "2023-02-15")
                .queryParam("size", 500).when().get(SESSIONS).then().statusCode(200)
                .body("items.id", hasItem(session)).body("items.id", org.hamcrest.Matchers.not(hasItem(other)));
        given().auth().oauth2(token("clerk-dafo")).queryParam("from", "0001-01-01").when().get(SESSIONS).then().statusCode(400);
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(session(DAFO, "0001-01-01", "DEMONSTRATION"))
                .when().post(SESSIONS).then().statusCode(400).body("errors.field", equalTo(List.of("heldOn")));
    }

    @Test
    void aTraineeIsCorrectedUnderIfMatchAndKeepsTheStableKey() {
        Map<String, Object> body = trainee("周红", "CHILD_DIRECTOR", DAFO_URBAN);
        String id = create("clerk-dafo", TRAINEES, body);
        body.put("role", "COMMUNITY_WORKER");
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                .when().put(TRAINEES + "/" + id).then().statusCode(200).header("ETag", "\"2\"").body("role", equalTo("COMMUNITY_WORKER"));
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                .when().put(TRAINEES + "/" + id).then().statusCode(412);
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(body)
                .when().put(TRAINEES + "/" + id).then().statusCode(428);
        body.put("divisionCode", TONGJIANG);
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).header("If-Match", "\"2\"").body(body)
                .when().put(TRAINEES + "/" + id).then().statusCode(403);
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }

    private static void refusedSession(int status, List<String> fields, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> body = session(DAFO, "2024-06-01", "DEMONSTRATION");
        breakIt.accept(body);
        refused(SESSIONS, status, fields, body);
    }

    private static void refused(String path, int status, List<String> fields, Map<String, ?> body) {
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(body).when().post(path).then()
                .statusCode(status).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder(fields.toArray()));
    }
}
