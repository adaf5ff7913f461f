package io.miaopu.training;

import static io.restassured.RestAssured.given;

import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.incubation.contract.testing.DivisionFixtures;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Test helpers: requests as the demo users, a private county per test, bodies, and what was written. */
final class TrainingTestSupport {

    static final String SESSIONS = "/api/v1/training-sessions";
    static final String TRAINEES = "/api/v1/trainees";

    private TrainingTestSupport() {
    }

    static String token(String who) {
        return Tokens.of(who);
    }

    /**
     * A county of its own under 乐山市 (code 9 + five random digits, never a real one) with three
     * township-level units and two communities under each of the first two: ledgers of it count only
     * what the test wrote.
     */
    record County(String code, List<String> townships, List<String> communities) {
    }

    static County privateCounty() throws Exception {
        String county = "9" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        List<DivisionState> states = new ArrayList<>();
        states.add(new DivisionState(county, "测试县" + county, "COUNTY", "5111", "COUNTY", true, 1));
        List<String> townships = List.of(county + "001", county + "101", county + "201");
        List<String> communities = new ArrayList<>();
        for (int t = 0; t < townships.size(); t++) {
            String kind = t == 0 ? "STREET" : t == 1 ? "TOWN" : "TOWNSHIP";
            states.add(new DivisionState(townships.get(t), "测试乡镇" + townships.get(t), "TOWNSHIP", county, kind, true, 1));
            if (t < 2) {
                for (String suffix : List.of("001", "201")) {
                    String community = townships.get(t) + suffix;
                    communities.add(community);
                    states.add(new DivisionState(community, "测试社区" + community, "VILLAGE", townships.get(t),
                            suffix.equals("001") ? "URBAN_COMMUNITY" : "RURAL_COMMUNITY", true, 1));
                }
            }
        }
        DivisionFixtures.publish(states);
        return new County(county, townships, communities);
    }

    static Map<String, Object> session(String division, String heldOn, String format) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "社区社会组织负责人能力提升培训");
        body.put("format", format);
        body.put("topics", List.of("CAPACITY_BUILDING", "PARTY_BUILDING"));
        body.put("organizingDivision", division);
        body.put("heldOn", heldOn);
        body.put("hours", 3.5);
        body.put("trainer", "乐山师范学院 刘老师");
        return body;
    }

    static Map<String, Object> trainee(String name, String role, String division) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("role", role);
        body.put("divisionCode", division);
        body.put("phone", phone());
        return body;
    }

    private static final java.util.concurrent.atomic.AtomicLong PHONES =
            new java.util.concurrent.atomic.AtomicLong(ThreadLocalRandom.current().nextInt(1_000_000_000));

    /** A mobile number no other trainee of this run has. */
    static String phone() {
        return "13" + String.format("%09d", PHONES.getAndIncrement() % 1_000_000_000L);
    }

    static String create(String who, String path, Map<String, Object> body) {
        return given().auth().oauth2(token(who)).contentType(ContentType.JSON).body(body)
                .when().post(path).then().statusCode(201).extract().path("id");
    }

    static int attend(String who, String session, String trainee) {
        return given().auth().oauth2(token(who)).contentType(ContentType.JSON).body(Map.of("traineeId", trainee))
                .when().post(SESSIONS + "/" + session + "/attendances").then().extract().statusCode();
    }

    /** Rows of every table a refused request must leave untouched. */
    static String footprint() throws Exception {
        return ServiceDatabase.single("select (select count(*) from training_session) || '/' || (select count(*) from trainee) "
                + "|| '/' || (select count(*) from attendance_entry) || '/' || (select count(*) from exam_support) || '/' "
                + "|| (select count(*) from exam_result) || '/' || (select count(*) from outbox_event) || '/' "
                + "|| (select coalesce(sum(version), 0) from trainee) || '/' || (select count(*) from change_log)");
    }
}
