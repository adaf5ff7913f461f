package io.miaopu.registry;

import static io.miaopu.chassis.testing.ServiceDatabase.count;
import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO_RURAL;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.TONGJIANG_COMMUNITY;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: an upload can neither exhaust the service's memory nor bypass the rules of a single
 * registration; an all-rejected import completes; submitters take turns.
 */
@QuarkusTest
class ImportLimitsAndRulesTest {

    static final String HEADER = OrganizationImportTest.HEADER;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void rowsPastTheLimitAndBytesPastTheLimitAreRefusedAtOnceAndTheServiceGoesOn() throws Exception {
        String admin = token("city-admin");
        long jobs = count("select count(*) from import_job");
        // 100,001 rows of empty cells (the hostile clerk's 2 MiB of ",,,,"): a 400 naming the limit, nothing queued.
        StringBuilder empty = new StringBuilder(HEADER).append("\n");
        String commas = ",".repeat(HEADER.split(",").length - 1) + "\n";
        for (int i = 0; i < 100_001; i++) {
            empty.append(commas);
        }
        given().auth().oauth2(admin).contentType("text/csv").body(empty.toString().getBytes(StandardCharsets.UTF_8))
                .when().post(BASE + "/imports").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("100,000 rows"));
        // A body past the byte limit (64 MiB): a 413 problem, the rest of the body never read.
        byte[] huge = new byte[64 * 1024 * 1024 + 1024];
        byte[] head = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(huge, (byte) ',');
        System.arraycopy(head, 0, huge, 0, head.length);
        for (int i = head.length + 100; i < huge.length; i += 100) {
            huge[i] = '\n';
        }
        given().auth().oauth2(admin).contentType("text/csv").body(huge)
                .when().post(BASE + "/imports").then()
                .statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:payload-too-large"));
        huge = null;
        // A record that never ends (no line break in megabytes) is a 400, not a field grown without bound.
        given().auth().oauth2(admin).contentType("text/csv")
                .body((HEADER + "\n" + "x".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8))
                .when().post(BASE + "/imports").then()
                .statusCode(400).body("errors[0].field", equalTo("line 2"));
        assertEquals(jobs, count("select count(*) from import_job"));
        // The service still answers, and still imports.
        given().auth().oauth2(admin).when().get(BASE).then().statusCode(200);
        String tag = "限" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(admin).contentType("text/csv")
                .body(("name,managementClass,category,communityCode,registeredOn\n" + tag + ",COMMUNITY_GUIDED,"
                        + "INTEREST_VOLUNTEER," + DAFO_URBAN + ",2024-01-01\n").getBytes(StandardCharsets.UTF_8))
                .when().post(BASE + "/imports").then().statusCode(202);
    }

    @Test
    void anImportWhoseRowsAreAllRejectedCompletesWithEveryRowsReason() throws Exception {
        String admin = token("city-admin");
        StringBuilder csv = new StringBuilder("name,managementClass,category,communityCode,registeredOn\n");
        for (int row = 1; row <= 3; row++) {
            csv.append("全拒").append(row).append(",COMMUNITY_GUIDED,NOT_A_CATEGORY,").append(DAFO_URBAN).append(",2024-01-01\n");
        }
        String job = submit(admin, "text/csv", csv.toString());
        JsonPath done = awaitFinished(admin, job);
        assertEquals("COMPLETED", done.getString("status"), done.prettify());
        assertEquals("NONE_APPLIED", done.getString("outcome"));
        assertEquals(0, done.getInt("applied"));
        assertEquals(3, done.getInt("rejected"));
        given().auth().oauth2(admin).when().get(BASE + "/imports/" + job + "/errors").then()
                .body("total", equalTo(3)).body("items.row", equalTo(List.of(1, 2, 3)))
                .body("items[0].errors[0].field", equalTo("category"));
    }

    /**
     * Each body is sent once as POST /organizations and once as a line of an import: the row is
     * rejected with exactly the reasons of the POST's problem.
     */
    @Test
    void aRowIsRejectedForExactlyTheReasonsOfTheSameRegistration() throws Exception {
        String clerk = token("clerk-dafo");
        String taken = "同名" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(clerk).contentType("application/json").body(filed(taken, DAFO_URBAN, "2023-01-01"))
                .when().post(BASE).then().statusCode(201);
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        List<Map<String, Object>> bodies = new ArrayList<>();
        bodies.add(filed(name(), DAFO_URBAN, "0000-01-01"));                       // a date every consumer refuses
        bodies.add(filed(name(), DAFO_URBAN, "1899-12-31"));
        bodies.add(filed(name(), DAFO_URBAN, tomorrow));                           // in the future
        bodies.add(filed(name(), "511102004998", "2023-01-01"));                   // no such community (422)
        bodies.add(filed(taken, DAFO_URBAN, "2023-01-01"));                        // the name is taken (409)
        Map<String, Object> unknownField = filed(name(), DAFO_URBAN, "2023-01-01");
        unknownField.put("colour", "red");
        bodies.add(unknownField);
        Map<String, Object> badArea = filed(name(), DAFO_URBAN, "2023-01-01");
        badArea.put("serviceAreas", List.of("NOT_AN_AREA"));
        bodies.add(badArea);
        Map<String, Object> badPhone = filed(name(), DAFO_URBAN, "2023-01-01");
        badPhone.put("leader", Map.of("name", "张", "phone", "12345"));
        bodies.add(badPhone);
        Map<String, Object> nul = filed(name(), DAFO_URBAN, "2023-01-01");
        nul.put("name", "空\u0000字");
        bodies.add(nul);
        List<List<Map<String, Object>>> expected = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> body : bodies) {
            String text = JSON.writeValueAsString(body);
            Response answer = given().auth().oauth2(clerk).contentType("application/json").body(text).when().post(BASE);
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, text + " → " + answer.statusCode());
            expected.add(answer.jsonPath().getList("errors"));
            lines.append(text).append('\n');
        }
        String job = submit(clerk, "application/x-ndjson", lines.toString());
        JsonPath done = awaitFinished(clerk, job);
        assertEquals("COMPLETED", done.getString("status"));
        assertEquals(0, done.getInt("applied"), "every row breaks a rule of a registration");
        JsonPath errors = given().auth().oauth2(clerk).when().get(BASE + "/imports/" + job + "/errors").then()
                .statusCode(200).extract().jsonPath();
        for (int i = 0; i < bodies.size(); i++) {
            assertEquals(i + 1, errors.getInt("items[" + i + "].row"));
            assertEquals(expected.get(i), errors.getList("items[" + i + "].errors"), "row " + (i + 1));
        }
        // Outside the jurisdiction: the POST is a 403, the row names the community.
        Map<String, Object> outside = filed(name(), TONGJIANG_COMMUNITY, "2023-01-01");
        given().auth().oauth2(clerk).contentType("application/json").body(outside).when().post(BASE).then().statusCode(403);
        String job2 = submit(clerk, "application/x-ndjson", JSON.writeValueAsString(outside));
        assertEquals(1, awaitFinished(clerk, job2).getInt("rejected"));
        given().auth().oauth2(clerk).when().get(BASE + "/imports/" + job2 + "/errors").then()
                .body("items[0].errors.field", hasItem("communityCode"));
        // The same date in a CSV row: the reason of the POST too, and no organization of year 0 anywhere.
        String zero = "零年" + UUID.randomUUID().toString().substring(0, 6);
        String job3 = submit(clerk, "text/csv", "name,managementClass,category,communityCode,registeredOn\n"
                + zero + ",COMMUNITY_GUIDED,INTEREST_VOLUNTEER," + DAFO_RURAL + ",0000-01-01\n");
        assertEquals(1, awaitFinished(clerk, job3).getInt("rejected"));
        given().auth().oauth2(clerk).when().get(BASE + "/imports/" + job3 + "/errors").then()
                .body("items[0].errors", equalTo(expected.get(0)));
        assertEquals(0, count("select count(*) from organization where registered_on < date '1900-01-01'"));
        assertEquals(0, count("select count(*) from outbox_event where payload->>'registeredOn' like '0%'"));
    }

    /**
     * One clerk's queue does not hold up another's: a small import submitted after three large ones of
     * another submitter is applied before the last of them.
     */
    @Test
    void submittersTakeTurnsAndAFailedJobKeepsNoRowsWaiting() throws Exception {
        String admin = token("city-admin");
        String clerk = token("clerk-dafo");
        List<String> large = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            StringBuilder csv = new StringBuilder("name,managementClass,category,communityCode,registeredOn\n");
            for (int row = 1; row <= 2_000; row++) {
                csv.append("大批").append(j).append('-').append(row).append(",COMMUNITY_GUIDED,NOT_A_CATEGORY,")
                        .append(DAFO_URBAN).append(",2024-01-01\n");
            }
            large.add(submit(admin, "text/csv", csv.toString()));
        }
        String small = submit(clerk, "text/csv", "name,managementClass,category,communityCode,registeredOn\n"
                + "小批" + UUID.randomUUID().toString().substring(0, 6) + ",COMMUNITY_GUIDED,INTEREST_VOLUNTEER," + DAFO_URBAN
                + ",2024-01-01\n");
        OffsetDateTime smallDone = OffsetDateTime.parse(awaitFinished(clerk, small).getString("finishedAt"));
        OffsetDateTime lastLargeDone = OffsetDateTime.parse(awaitFinished(admin, large.get(2)).getString("finishedAt"));
        assertTrue(smallDone.isBefore(lastLargeDone), "the small import waited for all the large ones: " + smallDone + " vs "
                + lastLargeDone);

        // A job that keeps failing stops as FAILED and its rows waiting are removed.
        String broken = UUID.randomUUID().toString();
        io.miaopu.chassis.testing.ServiceDatabase.execute("insert into import_job (id, format, status, total_rows, submitted_by, "
                + "submitter, write_scope, created_at) values ('" + broken + "', 'CSV', 'QUEUED', 1000, 'test', 'test-broken', "
                + "'5111', now())");
        io.miaopu.chassis.testing.ServiceDatabase.execute("insert into import_chunk (job_id, chunk_no, rows) values ('" + broken
                + "', 0, 'garbage'), ('" + broken + "', 1, 'garbage')");
        JsonPath failed = awaitFinished(admin, broken);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals(0, count("select count(*) from import_chunk where job_id = '" + broken + "'"));
        assertFalse(count("select count(*) from import_chunk c join import_job j on j.id = c.job_id "
                + "where j.status in ('FAILED', 'COMPLETED')") > 0);
    }

    private static String name() {
        return "对照" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> filed(String name, String community, String registeredOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("managementClass", "COMMUNITY_GUIDED");
        body.put("category", "INTEREST_VOLUNTEER");
        body.put("communityCode", community);
        body.put("registeredOn", registeredOn);
        return body;
    }

    static String submit(String token, String contentType, String body) {
        String location = given().auth().oauth2(token).contentType(contentType + "; charset=UTF-8")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(BASE + "/imports").then().statusCode(202).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static JsonPath awaitFinished(String token, String job) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(300);
        while (true) {
            JsonPath state = given().auth().oauth2(token).when().get(BASE + "/imports/" + job).then().statusCode(200)
                    .extract().jsonPath();
            if ("COMPLETED".equals(state.getString("status")) || "FAILED".equals(state.getString("status"))) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the import did not finish: " + state.prettify());
            }
            Thread.sleep(200);
        }
    }
}
