package io.miaopu.training;

import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO_RURAL;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO_URBAN;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.TONGJIANG_COMMUNITY;
import static io.miaopu.training.TrainingTestSupport.SESSIONS;
import static io.miaopu.training.TrainingTestSupport.TRAINEES;
import static io.miaopu.training.TrainingTestSupport.create;
import static io.miaopu.training.TrainingTestSupport.footprint;
import static io.miaopu.training.TrainingTestSupport.phone;
import static io.miaopu.training.TrainingTestSupport.session;
import static io.miaopu.training.TrainingTestSupport.token;
import static io.miaopu.training.TrainingTestSupport.trainee;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.incubation.contract.testing.DivisionFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sign-in sheet: good rows applied (trainees found or registered, one person-time each), bad rows reported. */
@QuarkusTest
class AttendanceUploadTest {

    @BeforeEach
    void hierarchy() throws Exception {
        DivisionFixtures.sample();
    }

    @Test
    void goodRowsAreAppliedOnceAndBadRowsAreReportedWithTheirReasons() throws Exception {
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2025-04-18", "DEMONSTRATION"));
        Map<String, Object> existing = trainee("吴刚", "ORG_LEADER", DAFO_URBAN);
        create("clerk-dafo", TRAINEES, existing);
        String newPhone = phone();
        String sheet = "name,phone,role,divisionCode\r\n"
                + "郑新," + newPhone + ",VOLUNTEER," + DAFO_RURAL + "\r\n"                      // 1 new trainee
                + "吴刚," + existing.get("phone") + ",ORG_LEADER," + DAFO_URBAN + "\r\n"        // 2 known trainee
                + "郑新," + newPhone + ",VOLUNTEER," + DAFO_RURAL + "\r\n"                      // 3 the same person again
                + "冯强," + phone() + ",TEACHER," + DAFO_URBAN + "\r\n"                         // 4 no such role
                + "陈静," + phone() + ",VOLUNTEER\r\n"                                            // 5 a value missing
                + "冒名," + existing.get("phone") + ",VOLUNTEER," + DAFO_URBAN + "\r\n"         // 6 someone else's phone
                + "褚亮," + phone() + ",VOLUNTEER," + TONGJIANG_COMMUNITY + "\r\n"              // 7 outside the township
                + "卫东," + phone() + ",VOLUNTEER,511102004998\r\n"                              // 8 no such community
                + "蒋文,12345,VOLUNTEER," + DAFO_URBAN + "\r\n";                                 // 9 not a mobile number
        upload(session, sheet).statusCode(200)
                .body("rows", equalTo(9))
                .body("recorded", equalTo(2))
                .body("alreadyRecorded", equalTo(1))
                .body("traineesRegistered", equalTo(1))
                .body("rejected", equalTo(6))
                .body("errors.row", equalTo(List.of(4, 5, 6, 7, 8, 9)))
                .body("errors[0].errors.field", equalTo(List.of("role")))
                .body("errors[1].errors.field", equalTo(List.of("row")))
                .body("errors[2].errors.field", equalTo(List.of("phone")))
                .body("errors[3].errors.field", equalTo(List.of("divisionCode")))
                .body("errors[4].errors.field", equalTo(List.of("divisionCode")))
                .body("errors[5].errors.field", equalTo(List.of("phone")));
        given().auth().oauth2(token("clerk-dafo")).when().get(SESSIONS + "/" + session).then().body("personTimes", equalTo(2));
        // the same sheet again changes nothing
        upload(session, sheet).statusCode(200).body("recorded", equalTo(0)).body("alreadyRecorded", equalTo(3))
                .body("traineesRegistered", equalTo(0)).body("rejected", equalTo(6));
        given().auth().oauth2(token("clerk-dafo")).when().get(SESSIONS + "/" + session).then().body("personTimes", equalTo(2));
    }

    @Test
    void aSheetThatCannotBeReadAsAWholeIsRefusedAndWritesNothing() throws Exception {
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2025-04-19", "DEMONSTRATION"));
        String before = footprint();
        upload(session, "name,phone,colour\r\nx,13800000000,red\r\n").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("header.colour", "header.role", "header.divisionCode"));
        upload(session, "name,phone,role,divisionCode\r\n\"x,13800000000,VOLUNTEER," + DAFO_URBAN + "\r\n").statusCode(400);
        upload(session, "name,phone,role,divisionCode\r\n").statusCode(400);
        upload(session, "\uFEFF").statusCode(400).contentType("application/problem+json");
        upload(session, "\uFEFF\r\n").statusCode(400);
        StringBuilder big = new StringBuilder("name,phone,role,divisionCode\r\n");
        for (int i = 0; i < 2_001; i++) {
            big.append("学员").append(i).append(',').append(phone()).append(",VOLUNTEER,").append(DAFO_URBAN).append("\r\n");
        }
        // Too many rows: a 400 at the first row past the limit; too many bytes: a 413, the rest never read.
        upload(session, big.toString()).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        upload(session, "name,phone,role,divisionCode\r\n" + ",,,\r\n".repeat(600_000)).statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("urn:miaopu:problem:payload-too-large"));
        given().auth().oauth2(token("clerk-tongjiang")).contentType("text/csv; charset=UTF-8")
                .body("name,phone,role,divisionCode\r\n".getBytes(StandardCharsets.UTF_8))
                .when().post(SESSIONS + "/" + session + "/attendances/uploads").then().statusCode(404);
        assertEquals(before, footprint());
    }

    @Test
    void aSheetOf2000RowsIsAccepted() throws Exception {
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2025-04-20", "ONLINE_CLASS"));
        StringBuilder sheet = new StringBuilder("name,phone,role,divisionCode\r\n");
        for (int i = 0; i < 2_000; i++) {
            sheet.append("学员").append(i).append(',').append(phone()).append(",VOLUNTEER,").append(DAFO_URBAN).append("\r\n");
        }
        upload(session, sheet.toString()).statusCode(200).body("rows", equalTo(2_000)).body("recorded", equalTo(2_000))
                .body("rejected", equalTo(0));
        given().auth().oauth2(token("clerk-dafo")).when().get(SESSIONS + "/" + session).then().body("personTimes", equalTo(2_000));
    }

    private static ValidatableResponse upload(String session, String sheet) {
        return given().auth().oauth2(token("clerk-dafo")).contentType("text/csv; charset=UTF-8")
                .body(sheet.getBytes(StandardCharsets.UTF_8))
                .when().post(SESSIONS + "/" + session + "/attendances/uploads").then();
    }
}
