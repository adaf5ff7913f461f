package io.miaopu.training;

import static io.miaopu.training.TrainingTestSupport.SESSIONS;
import static io.miaopu.training.TrainingTestSupport.TRAINEES;
import static io.miaopu.training.TrainingTestSupport.attend;
import static io.miaopu.training.TrainingTestSupport.create;
import static io.miaopu.training.TrainingTestSupport.session;
import static io.miaopu.training.TrainingTestSupport.token;
import static io.miaopu.training.TrainingTestSupport.trainee;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Person-times net of reversals, by hand, on a county of the test's own; the township coverage share. */
@QuarkusTest
class LedgerArithmeticTest {

    @Inject
    EventSchemas schemas;

    @Test
    void personTimesCountEachTraineeOncePerSessionNetOfReversals() throws Exception {
        TrainingTestSupport.County county = TrainingTestSupport.privateCounty();
        String admin = "city-admin";
        List<String> c = county.communities();
        String a = create(admin, TRAINEES, trainee("甲", "COMMUNITY_WORKER", c.get(0)));
        String b = create(admin, TRAINEES, trainee("乙", "ORG_LEADER", c.get(1)));
        String cc = create(admin, TRAINEES, trainee("丙", "CHILD_DIRECTOR", c.get(2)));
        String d = create(admin, TRAINEES, trainee("丁", "CIVIL_AFFAIRS_ASSISTANT", county.code()));
        String s1 = create(admin, SESSIONS, session(county.code(), "2023-05-10", "DEMONSTRATION"));
        String s2 = create(admin, SESSIONS, session(county.code(), "2024-03-01", "ONLINE_CLASS"));
        String s3 = create(admin, SESSIONS, session(county.townships().get(0), "2025-11-20", "NEW_MEDIA"));

        assertEquals(201, attend(admin, s1, a));
        assertEquals(200, attend(admin, s1, a), "the same trainee twice at one session changes nothing");
        assertEquals(201, attend(admin, s1, b));
        assertEquals(201, attend(admin, s1, d));
        assertEquals(201, attend(admin, s2, a));
        String firstC = entry(s2, cc);
        reverse(s2, firstC, "签到人员有误", 201);
        reverse(s2, firstC, "再次冲正", 409);
        assertEquals(201, attend(admin, s2, cc), "after a reversal the trainee may be recorded again");
        reverse(s2, standing(s2, cc), "实际未参加", 201);
        assertEquals(201, attend(admin, s3, b));
        reverse(s3, standing(s3, b), "重复登记", 201);

        ledger(county.code(), Map.of()).then()
                .statusCode(200)
                .body("personTimes", equalTo(4))
                .body("recorded", equalTo(7))
                .body("reversed", equalTo(3))
                .body("distinctTrainees", equalTo(3))
                .body("byRole.COMMUNITY_WORKER", equalTo(2))
                .body("byRole.ORG_LEADER", equalTo(1))
                .body("byRole.CIVIL_AFFAIRS_ASSISTANT", equalTo(1))
                .body("byRole.CHILD_DIRECTOR", nullValue())
                .body("byFormat.DEMONSTRATION", equalTo(3))
                .body("byFormat.ONLINE_CLASS", equalTo(1))
                .body("byFormat.NEW_MEDIA", nullValue())
                .body("byYear.2023", equalTo(3))
                .body("byYear.2024", equalTo(1))
                .body("townships", equalTo(3))
                .body("townshipsWithTraining", equalTo(1))
                .body("townshipShare", equalTo(1.0f / 3))
                .body("townshipUnits.code", equalTo(List.of(county.townships().get(1), county.townships().get(2),
                        county.townships().get(0))))
                .body("townshipUnits[2].personTimes", equalTo(3));
        ledger(county.code(), Map.of("role", "COMMUNITY_WORKER")).then().body("personTimes", equalTo(2))
                .body("distinctTrainees", equalTo(1));
        ledger(county.code(), Map.of("format", "ONLINE_CLASS")).then().body("personTimes", equalTo(1));
        ledger(county.code(), Map.of("from", "2024-01-01")).then().body("personTimes", equalTo(1))
                .body("byYear.2023", nullValue());
        ledger(county.code(), Map.of("to", "2023-12-31")).then().body("personTimes", equalTo(3));
        // Without from, the period is every session before to: no plan's first year is assumed (a 2019 session counts).
        String s0 = create(admin, SESSIONS, session(county.code(), "2019-06-01", "DEMONSTRATION"));
        assertEquals(201, attend(admin, s0, d));
        ledger(county.code(), Map.of()).then().body("personTimes", equalTo(5)).body("byYear.2019", equalTo(1))
                .body("from", nullValue());
        ledger(county.code(), Map.of("from", "2021-01-01")).then().body("personTimes", equalTo(4)).body("from", equalTo("2021-01-01"));
        ledger(county.townships().get(1), Map.of()).then().body("personTimes", equalTo(0)).body("townships", equalTo(1))
                .body("townshipsWithTraining", equalTo(0)).body("townshipShare", equalTo(0.0f));
        ledger(c.get(0), Map.of()).then().body("personTimes", equalTo(2)).body("townships", equalTo(0))
                .body("townshipShare", nullValue());
        given().auth().oauth2(token(admin)).when().get(SESSIONS + "/" + s1).then().body("personTimes", equalTo(3));
        given().auth().oauth2(token(admin)).when().get(SESSIONS + "/" + s2).then().body("personTimes", equalTo(1));

        // the ledger's events: valid, nothing personal
        int recorded = 0;
        int reversed = 0;
        for (String s : List.of(s1, s2, s3)) {
            for (String row : ServiceDatabase.column("select type || ' ' || payload::text from outbox_event where aggregate_id = '"
                    + s + "' order by position")) {
                String type = row.substring(0, row.indexOf(' '));
                String payload = row.substring(row.indexOf(' ') + 1);
                schemas.validate(type, payload);
                assertFalse(payload.contains("甲") || payload.contains("phone") || payload.contains("\"name\""), payload);
                recorded += type.endsWith("attendance.recorded.v1") ? 1 : 0;
                reversed += type.endsWith("attendance.reversed.v1") ? 1 : 0;
            }
        }
        assertEquals(7, recorded);
        assertEquals(3, reversed);
    }

    @Test
    void theLedgerIsAppendOnlyEvenForTheDatabase() throws Exception {
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> ServiceDatabase.execute("update attendance_entry set reason = 'x'"));
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                () -> ServiceDatabase.execute("delete from attendance_entry"));
    }

    private static io.restassured.response.Response ledger(String division, Map<String, String> filters) {
        return given().auth().oauth2(token("city-admin")).queryParam("division", division).queryParams(filters)
                .when().get("/api/v1/training-ledger");
    }

    /** The trainee's latest RECORDED entry at the session (recording it). */
    private static String entry(String session, String trainee) {
        given().auth().oauth2(token("city-admin")).contentType(ContentType.JSON).body(Map.of("traineeId", trainee))
                .when().post(SESSIONS + "/" + session + "/attendances").then().statusCode(201);
        return standing(session, trainee);
    }

    private static String standing(String session, String trainee) {
        List<Map<String, Object>> items = given().auth().oauth2(token("city-admin")).queryParam("size", 500)
                .when().get(SESSIONS + "/" + session + "/attendances").then().statusCode(200).extract().path("items");
        return items.stream().filter(e -> trainee.equals(e.get("traineeId")) && "RECORDED".equals(e.get("kind"))
                        && Boolean.FALSE.equals(e.get("reversed")))
                .map(e -> (String) e.get("id")).findFirst().orElseThrow();
    }

    private static void reverse(String session, String entry, String reason, int status) {
        given().auth().oauth2(token("city-admin")).contentType(ContentType.JSON).body(Map.of("reason", reason))
                .when().post(SESSIONS + "/" + session + "/attendances/" + entry + "/reversals").then().statusCode(status);
    }
}
