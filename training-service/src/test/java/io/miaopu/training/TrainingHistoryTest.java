package io.miaopu.training;

import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO_URBAN;
import static io.miaopu.training.TrainingTestSupport.SESSIONS;
import static io.miaopu.training.TrainingTestSupport.TRAINEES;
import static io.miaopu.training.TrainingTestSupport.attend;
import static io.miaopu.training.TrainingTestSupport.create;
import static io.miaopu.training.TrainingTestSupport.session;
import static io.miaopu.training.TrainingTestSupport.token;
import static io.miaopu.training.TrainingTestSupport.trainee;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.incubation.contract.testing.DivisionFixtures;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every write of trainees and of a session's ledger is audited the one way (Writes): a change_log row each. */
@QuarkusTest
class TrainingHistoryTest {

    @BeforeEach
    void hierarchy() throws Exception {
        DivisionFixtures.sample();
    }

    @Test
    void traineesAndLedgerEntriesKeepTheirHistory() throws Exception {
        Map<String, Object> body = trainee("史记", "VOLUNTEER", DAFO_URBAN);
        String trainee = create("clerk-dafo", TRAINEES, body);
        body.put("role", "COMMUNITY_WORKER");
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).header("If-Match", "\"1\"").body(body)
                .when().put(TRAINEES + "/" + trainee).then().statusCode(200).header("ETag", "\"2\"");
        // the same facts again change nothing: no new version, no history
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).header("If-Match", "\"2\"").body(body)
                .when().put(TRAINEES + "/" + trainee).then().statusCode(200).header("ETag", "\"2\"");
        assertEquals(List.of("1 REGISTERED clerk-dafo null VOLUNTEER", "2 CORRECTED clerk-dafo VOLUNTEER COMMUNITY_WORKER"),
                ServiceDatabase.column("select version || ' ' || change_type || ' ' || changed_by || ' ' "
                        + "|| coalesce(before ->> 'role', 'null') || ' ' || (after ->> 'role') from change_log "
                        + "where aggregate_type = 'trainee' and aggregate_id = '" + trainee + "' order by id"));

        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2024-06-01", "DEMONSTRATION"));
        assertEquals(201, attend("clerk-dafo", session, trainee));
        String entry = ServiceDatabase.single("select id from attendance_entry where session_id = '" + session + "'");
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(Map.of("reason", "签到有误"))
                .when().post(SESSIONS + "/" + session + "/attendances/" + entry + "/reversals").then().statusCode(201);
        assertEquals(List.of("RECORDED " + trainee + " null", "REVERSED " + trainee + " 签到有误"),
                ServiceDatabase.column("select change_type || ' ' || (after ->> 'traineeId') || ' ' || coalesce(after ->> 'reason', 'null') "
                        + "from change_log where aggregate_type = 'attendance' and aggregate_id = '" + session + "' order by id"));
        assertEquals(List.of("HELD 1"), ServiceDatabase.column("select change_type || ' ' || version from change_log "
                + "where aggregate_type = 'training-session' and aggregate_id = '" + session + "'"));
        // the events as before: keyed by the session, one per entry
        assertEquals(List.of("io.miaopu.training.attendance.recorded.v1", "io.miaopu.training.attendance.reversed.v1"),
                ServiceDatabase.column("select type from outbox_event where aggregate_id = '" + session + "' "
                        + "and type like '%attendance%' order by occurred_at, id"));
    }
}
