package io.miaopu.registry;

import io.miaopu.chassis.testing.ServiceDatabase;
import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO_RURAL;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN_2;
import static io.miaopu.registry.RegistryTestSupport.QINGYI_COMMUNITY;
import static io.miaopu.registry.RegistryTestSupport.TONGJIANG_COMMUNITY;
import static io.miaopu.chassis.testing.ServiceDatabase.count;
import static io.miaopu.registry.RegistryTestSupport.creditCode;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.registry.domain.Classification.LegalForm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk import: valid rows applied, invalid rows reported with their reasons, nothing half-written. */
@QuarkusTest
class OrganizationImportTest {

    static final String HEADER = "name,creditCode,legalForm,managementClass,category,subcategory,serviceAreas,communityCode,"
            + "registeredOn,establishedOn,leaderName,leaderPhone,memberCount,hubType,charterAdopted";
    static final String[] COMMUNITIES = {DAFO_URBAN, DAFO_URBAN_2, DAFO_RURAL, TONGJIANG_COMMUNITY, QINGYI_COMMUNITY};

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void anImportOf10000RowsWith100InvalidOnesApplies9900AndReportsTheOthers() throws Exception {
        String tag = "导入" + UUID.randomUUID().toString().substring(0, 6);
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        Map<Integer, String> expectedField = new HashMap<>();
        List<String> codes = new ArrayList<>();
        for (int row = 1; row <= 10_000; row++) {
            String community = COMMUNITIES[row % COMMUNITIES.length];
            boolean registered = row % 2 == 0;
            String code = registered ? creditCode(LegalForm.SOCIAL_SERVICE_INSTITUTION) : "";
            String legalForm = registered ? "SOCIAL_SERVICE_INSTITUTION" : "";
            String managementClass = registered ? "REGISTERED" : "TOWNSHIP_MANAGED";
            String subcategory = "COMMUNITY_AFFAIRS";
            String registeredOn = (2021 + row % 5) + "-03-15";
            String category = "FUNCTIONAL_SERVICE";
            if (row % 100 == 7) {                                   // 100 invalid rows, of five kinds
                switch ((row / 100) % 5) {
                    case 0 -> {
                        code = code.isEmpty() ? "52100000500002862X" : code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
                        legalForm = "SOCIAL_SERVICE_INSTITUTION";
                        managementClass = "REGISTERED";
                        expectedField.put(row, "creditCode");
                    }
                    case 1 -> {
                        community = "511102004998";
                        expectedField.put(row, "communityCode");
                    }
                    case 2 -> {
                        subcategory = "CULTURE_SPORTS";
                        expectedField.put(row, "subcategory");
                    }
                    case 3 -> {
                        registeredOn = tomorrow;
                        expectedField.put(row, "registeredOn");
                    }
                    default -> {
                        if (codes.isEmpty() || !registered) {
                            category = "UNKNOWN";
                            expectedField.put(row, "category");
                        } else {
                            code = codes.get(codes.size() - 1);   // a credit code an earlier row of the file took
                            expectedField.put(row, "creditCode");
                        }
                    }
                }
            } else if (registered) {
                codes.add(code);
            }
            csv.append(String.join(",", tag + "社区服务队" + row, code, legalForm, managementClass, category, subcategory,
                    "SECURITY_PATROL;DISPUTE_MEDIATION", community, registeredOn, "", "赵" + row, "1390000" + String.format("%04d", row % 10_000),
                    String.valueOf(5 + row % 50), row % 10 == 0 ? "是" : "否", "true")).append("\r\n");
        }
        assertEquals(100, expectedField.size());

        String admin = token("city-admin");
        String location = given().auth().oauth2(admin).contentType("text/csv; charset=UTF-8").body(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post(BASE + "/imports").then()
                .statusCode(202).body("status", equalTo("QUEUED")).body("totalRows", equalTo(10_000))
                .extract().header("Location");
        String job = location.substring(location.lastIndexOf('/') + 1);
        JsonPath done = awaitCompleted(admin, job);
        assertEquals(10_000, done.getInt("rowsDone"));
        assertEquals(9_900, done.getInt("applied"));
        assertEquals(100, done.getInt("rejected"));
        assertEquals("PARTIALLY_APPLIED", done.getString("outcome"));
        assertEquals(9_900, count("select count(*) from organization where name like '" + tag + "%'"));
        assertEquals(9_900, count("select count(*) from outbox_event e join organization o on e.aggregate_id = o.id::text "
                + "where o.name like '" + tag + "%' and e.type in ('io.miaopu.registry.organization.registered.v1', "
                + "'io.miaopu.registry.organization.filed.v1')"));
        assertEquals(9_900, count("select count(*) from change_log c join organization o on c.aggregate_id = o.id::text "
                + "where c.aggregate_type = 'organization' and o.name like '" + tag + "%'"));
        assertEquals(0, count("select count(*) from import_chunk where job_id = '" + job + "'"), "no rows left waiting");

        JsonPath errors = given().auth().oauth2(admin).queryParam("size", 500).when().get(BASE + "/imports/" + job + "/errors")
                .then().statusCode(200).body("total", equalTo(100)).extract().jsonPath();
        List<Integer> rows = errors.getList("items.row");
        assertEquals(new ArrayList<>(new java.util.TreeSet<>(expectedField.keySet())), rows);
        for (int i = 0; i < rows.size(); i++) {
            List<String> fields = errors.getList("items[" + i + "].errors.field");
            assertTrue(fields.contains(expectedField.get(rows.get(i))), "row " + rows.get(i) + ": " + fields);
            assertTrue(errors.getList("items[" + i + "].errors.messageZh").stream().allMatch(m -> m != null));
        }
        // the job is its submitter's (and the city bureau's)
        given().auth().oauth2(token("county-shizhong")).when().get(BASE + "/imports/" + job).then().statusCode(404);
    }

    @Test
    void jsonLinesAndRowsOutsideTheJurisdictionAreReportedRowByRow() throws Exception {
        String tag = "行" + UUID.randomUUID().toString().substring(0, 6);
        String lines = "{\"name\":\"" + tag + "甲\",\"managementClass\":\"COMMUNITY_GUIDED\",\"category\":\"INTEREST_VOLUNTEER\","
                + "\"communityCode\":\"" + DAFO_URBAN + "\",\"registeredOn\":\"2023-01-01\",\"leader\":{\"name\":\"甲\","
                + "\"phone\":\"13900000000\"},\"serviceAreas\":[\"FITNESS\"]}\n"
                + "{\"name\":\"" + tag + "乙\",\"managementClass\":\"COMMUNITY_GUIDED\",\"category\":\"INTEREST_VOLUNTEER\","
                + "\"communityCode\":\"" + TONGJIANG_COMMUNITY + "\",\"registeredOn\":\"2023-01-01\"}\n"
                + "not json\n"
                + "{\"name\":\"" + tag + "丙\",\"managementClass\":\"COMMUNITY_GUIDED\",\"category\":\"INTEREST_VOLUNTEER\","
                + "\"communityCode\":\"" + DAFO_RURAL + "\",\"registeredOn\":\"2023-01-01\",\"colour\":\"red\"}\n";
        String clerk = token("clerk-dafo");
        String location = given().auth().oauth2(clerk).contentType("application/x-ndjson").body(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post(BASE + "/imports").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.lastIndexOf('/') + 1);
        JsonPath done = awaitCompleted(clerk, job);
        assertEquals(1, done.getInt("applied"));
        assertEquals(3, done.getInt("rejected"));
        given().auth().oauth2(clerk).when().get(BASE + "/imports/" + job + "/errors").then()
                .body("items.row", equalTo(List.of(2, 3, 4)))
                .body("items[0].errors[0].field", equalTo("communityCode"))
                .body("items[1].errors[0].field", equalTo("row"))
                .body("items[2].errors[0].field", equalTo("colour"));
        assertEquals(1, count("select count(*) from organization where name like '" + tag + "%'"));
        assertEquals("甲", ServiceDatabase.single("select leader_name from organization where name = '" + tag + "甲'"));
        // Imported organizations are active since their registeredOn, in the row and in the event.
        assertEquals("2023-01-01", ServiceDatabase.single("select cast(status_effective_on as text) from organization where name = '"
                + tag + "甲'"));
        assertEquals("2023-01-01", ServiceDatabase.single("select e.payload->>'statusEffectiveOn' from outbox_event e "
                + "join organization o on e.aggregate_id = cast(o.id as text) where o.name = '" + tag + "甲'"));
    }

    @Test
    void aRowWithTextTheDatabaseCannotStoreIsRejectedAndAChunkThatKeepsFailingStopsOnlyItsOwnJob() throws Exception {
        String admin = token("city-admin");
        // A job whose rows cannot be read (as a defect would leave them), queued before everything else.
        String broken = UUID.randomUUID().toString();
        ServiceDatabase.execute("insert into import_job (id, format, status, total_rows, submitted_by, submitter, "
                + "write_scope, created_at) values ('" + broken + "', 'CSV', 'QUEUED', 1, 'test', 'test', '5111', "
                + "now() - interval '1 day')");
        ServiceDatabase.execute("insert into import_chunk (job_id, chunk_no, rows) values ('" + broken + "', 0, 'garbage')");
        String tag = "零" + UUID.randomUUID().toString().substring(0, 6);
        String csv = "name,managementClass,category,communityCode,registeredOn,leaderName\n"
                + tag + "甲,COMMUNITY_GUIDED,INTEREST_VOLUNTEER," + DAFO_URBAN + ",2024-01-01,张\u0000三\n"
                + tag + "乙,COMMUNITY_GUIDED,INTEREST_VOLUNTEER," + DAFO_URBAN + ",2024-01-01,李四\n";
        String location = given().auth().oauth2(admin).contentType("text/csv; charset=UTF-8")
                .body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post(BASE + "/imports").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.lastIndexOf('/') + 1);
        JsonPath done = awaitCompleted(admin, job);
        assertEquals(1, done.getInt("applied"));
        given().auth().oauth2(admin).when().get(BASE + "/imports/" + job + "/errors").then()
                .body("items[0].row", equalTo(1)).body("items[0].errors[0].field", equalTo("leaderName"));
        given().auth().oauth2(admin).when().get(BASE + "/imports/" + broken).then()
                .statusCode(200).body("status", equalTo("FAILED"))
                .body("failure", org.hamcrest.Matchers.containsString("Rows 1 to 500"));
    }

    @Test
    void anUploadThatCannotBeReadAsAWholeIsRefusedAndNothingIsWritten() throws Exception {
        String admin = token("city-admin");
        long jobs = count("select count(*) from import_job");
        given().auth().oauth2(admin).contentType("text/csv").body("name,colour,communityCode\r\nx,red,1\r\n")
                .when().post(BASE + "/imports").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("header.colour", "header.managementClass"));
        given().auth().oauth2(admin).contentType("text/csv").body(HEADER + "\r\n\"unclosed,,,\r\n")
                .when().post(BASE + "/imports").then().statusCode(400);
        given().auth().oauth2(admin).contentType("text/csv").body(HEADER + "\r\n")
                .when().post(BASE + "/imports").then().statusCode(400);
        given().auth().oauth2(admin).contentType("application/pdf").body("%PDF".getBytes())
                .when().post(BASE + "/imports").then().statusCode(415);
        given().auth().oauth2(token("province-platform")).contentType("text/csv").body(HEADER + "\r\n")
                .when().post(BASE + "/imports").then().statusCode(403);
        assertEquals(jobs, count("select count(*) from import_job"));
    }

    private static JsonPath awaitCompleted(String token, String job) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(300);
        while (true) {
            JsonPath state = given().auth().oauth2(token).when().get(BASE + "/imports/" + job).then().statusCode(200)
                    .extract().jsonPath();
            if ("COMPLETED".equals(state.getString("status")) || "FAILED".equals(state.getString("status"))) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the import did not complete: " + state.prettify());
            }
            Thread.sleep(200);
        }
    }
}
