package io.miaopu.training;

import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO_URBAN;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.QINGYI_COMMUNITY;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.TONGJIANG_COMMUNITY;
import static io.miaopu.training.TrainingTestSupport.SESSIONS;
import static io.miaopu.training.TrainingTestSupport.TRAINEES;
import static io.miaopu.training.TrainingTestSupport.create;
import static io.miaopu.training.TrainingTestSupport.footprint;
import static io.miaopu.training.TrainingTestSupport.session;
import static io.miaopu.training.TrainingTestSupport.token;
import static io.miaopu.training.TrainingTestSupport.trainee;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.incubation.contract.testing.DivisionFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 19 in training: strict input (the chassis rules) and the access rule for things outside scope. */
@QuarkusTest
class TrainingInputAndScopeTest {

    @BeforeEach
    void hierarchy() throws Exception {
        DivisionFixtures.sample();
    }

    @Test
    void whetherAPhoneIsKnownElsewhereCannotBeLearnedFromARefusal() throws Exception {
        Map<String, Object> elsewhere = trainee("青衣学员", "VOLUNTEER", QINGYI_COMMUNITY);
        create("clerk-qingyi", TRAINEES, elsewhere);
        String before = footprint();
        for (String phone : List.of((String) elsewhere.get("phone"), TrainingTestSupport.phone())) {
            // an unknown division: 422 whether or not the phone belongs to someone (it was a 409 for a known phone)
            Map<String, Object> invalid = trainee("探测", "VOLUNTEER", "511102004998");
            invalid.put("phone", phone);
            given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(invalid).when().post(TRAINEES).then()
                    .statusCode(422).body("errors.field", equalTo(List.of("divisionCode")));
            // a division outside the jurisdiction: 403 either way
            Map<String, Object> outside = trainee("探测", "VOLUNTEER", TONGJIANG_COMMUNITY);
            outside.put("phone", phone);
            given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(outside).when().post(TRAINEES).then()
                    .statusCode(403);
        }
        assertEquals(before, footprint());
    }

    @Test
    void malformedInputIsA400NamingTheField() throws Exception {
        String before = footprint();
        String lone = "{\"name\":\"\\ud800中文abc\",\"role\":\"VOLUNTEER\",\"divisionCode\":\"" + DAFO_URBAN
                + "\",\"phone\":\"" + TrainingTestSupport.phone() + "\"}";
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(lone.getBytes(StandardCharsets.UTF_8))
                .when().post(TRAINEES).then().statusCode(400).body("errors.field", equalTo(List.of("name")));
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body("{\"title\":\"培训\",\"format\":\"DEMONSTRATION\",\"topics\":[\"CAPACITY_BUILDING\"],\"organizingDivision\":\""
                        + DAFO + "\",\"heldOn\":\"2024-06-01T08:00:00\",\"hours\":\"3\",\"trainer\":\"刘老师\"}")
                .when().post(SESSIONS).then().statusCode(400);
        assertEquals(before, footprint());
        for (String query : List.of("page=abc", "size=x", "traineeId=not-an-id")) {
            given().auth().oauth2(token("clerk-dafo")).when().get("/api/v1/exam-supports?" + query).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of(query.substring(0, query.indexOf('=')))));
        }
        given().auth().oauth2(token("clerk-dafo")).when().get(TRAINEES + "?page=abc").then()
                .statusCode(400).body("errors.field", equalTo(List.of("page")));
    }

    @Test
    void outsideTheJurisdictionReadsAndChangesAre404AndCreatingIsA403() {
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2024-06-01", "DEMONSTRATION"));
        Map<String, Object> body = trainee("大佛学员", "VOLUNTEER", DAFO_URBAN);
        String trainee = create("clerk-dafo", TRAINEES, body);
        String missing = java.util.UUID.randomUUID().toString();
        for (String id : List.of(trainee, missing)) {
            given().auth().oauth2(token("clerk-tongjiang")).when().get(TRAINEES + "/" + id).then().statusCode(404);
            given().auth().oauth2(token("clerk-tongjiang")).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(body).when().put(TRAINEES + "/" + id).then().statusCode(404);
        }
        given().auth().oauth2(token("clerk-tongjiang")).when().get(SESSIONS + "/" + session).then().statusCode(404);
        given().auth().oauth2(token("clerk-tongjiang")).contentType(ContentType.JSON).body(Map.of("traineeId", trainee))
                .when().post(SESSIONS + "/" + session + "/attendances").then().statusCode(404);
        given().auth().oauth2(token("clerk-tongjiang")).contentType(ContentType.JSON)
                .body(session(DAFO, "2024-06-01", "DEMONSTRATION")).when().post(SESSIONS).then().statusCode(403);
    }
}
