package io.miaopu.registry;

import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.QINGYI_COMMUNITY;
import static io.miaopu.registry.RegistryTestSupport.TONGJIANG_COMMUNITY;
import static io.miaopu.registry.RegistryTestSupport.footprint;
import static io.miaopu.registry.RegistryTestSupport.name;
import static io.miaopu.registry.RegistryTestSupport.registered;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jurisdiction matrix for every role: clerks in their township, county officers in their
 * county, the city bureau everywhere, the provincial platform reads all; a read outside scope is a
 * 404 that reveals nothing, a write outside scope a 403.
 */
@QuarkusTest
class OrganizationScopeTest {

    static final List<String> ROLES = List.of("city-admin", "county-shizhong", "county-jiajiang", "clerk-dafo",
            "clerk-tongjiang", "clerk-qingyi", "province-platform", "exchange-reader");

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void readsFollowTheJurisdictionAndOutsideItNothingIsRevealed() {
        String inDafo = OrganizationLifecycleTest.create(token("clerk-dafo"), registered(name("大佛街道读取"), DAFO_URBAN));
        String inQingyi = OrganizationLifecycleTest.create(token("clerk-qingyi"), registered(name("青衣街道读取"), QINGYI_COMMUNITY));
        Map<String, Integer> dafo = expect(200, 200, 404, 200, 404, 404, 200, 404);
        Map<String, Integer> qingyi = expect(200, 404, 200, 404, 404, 200, 200, 404);
        for (String role : ROLES) {
            given().auth().oauth2(token(role)).when().get(BASE + "/" + inDafo).then().statusCode(dafo.get(role));
            given().auth().oauth2(token(role)).when().get(BASE + "/" + inQingyi).then().statusCode(qingyi.get(role));
            given().auth().oauth2(token(role)).when().get(BASE + "/" + inDafo + "/history").then().statusCode(dafo.get(role));
        }
        // the 404 outside scope is the 404 of an organization that does not exist
        String outside = given().auth().oauth2(token("clerk-tongjiang")).when().get(BASE + "/" + inDafo).then()
                .statusCode(404).contentType("application/problem+json").extract().path("detailZh");
        String missing = given().auth().oauth2(token("clerk-tongjiang")).when().get(BASE + "/" + java.util.UUID.randomUUID())
                .then().statusCode(404).extract().path("detailZh");
        assertEquals(missing, outside);
    }

    @Test
    void writesFollowTheJurisdictionAndOutsideItAre403() throws Exception {
        Map<String, Integer> create = expect(201, 201, 403, 201, 403, 403, 403, 403);
        for (String role : ROLES) {
            String before = footprint();
            int status = given().auth().oauth2(token(role)).contentType(ContentType.JSON)
                    .body(registered(name("写入矩阵" + role), DAFO_URBAN))
                    .when().post(BASE).then().statusCode(create.get(role)).extract().statusCode();
            if (status == 403) {
                assertEquals(before, footprint(), role + " wrote nothing");
            }
        }
        String id = OrganizationLifecycleTest.create(token("clerk-dafo"), registered(name("状态矩阵"), DAFO_URBAN));
        // status changes: writers in scope; readers that may not write get 403; those who cannot see it 404
        Map<String, Integer> status = expect(200, 200, 404, 200, 404, 404, 403, 404);
        for (String role : ROLES) {
            boolean toAbnormal = !"ABNORMAL".equals(given().auth().oauth2(token("city-admin")).get(BASE + "/" + id).path("status"));
            given().auth().oauth2(token(role)).contentType(ContentType.JSON)
                    .body(Map.of("status", toAbnormal ? "ABNORMAL" : "ACTIVE", "reason", "矩阵测试"))
                    .when().post(BASE + "/" + id + "/status-changes").then().statusCode(status.get(role));
        }
    }

    @Test
    void listsCoverTheJurisdictionOrADivisionWithinIt() {
        String tag = name("列表");
        String inDafo = OrganizationLifecycleTest.create(token("clerk-dafo"), registered(tag + "大佛", DAFO_URBAN));
        String inTongjiang = OrganizationLifecycleTest.create(token("clerk-tongjiang"),
                registered(tag + "通江", TONGJIANG_COMMUNITY));
        String inQingyi = OrganizationLifecycleTest.create(token("clerk-qingyi"), registered(tag + "青衣", QINGYI_COMMUNITY));
        given().auth().oauth2(token("clerk-dafo")).when().get(BASE + "?q=" + tag).then()
                .statusCode(200).body("items.id", hasItem(inDafo))
                .body("items.id", not(hasItem(inTongjiang))).body("items.id", not(hasItem(inQingyi)));
        given().auth().oauth2(token("county-shizhong")).when().get(BASE + "?q=" + tag).then()
                .statusCode(200).body("items.id", hasItems(inDafo, inTongjiang)).body("items.id", not(hasItem(inQingyi)));
        given().auth().oauth2(token("province-platform")).when().get(BASE + "?division=5111&q=" + tag).then()
                .statusCode(200).body("items.id", hasItems(inDafo, inTongjiang, inQingyi));
        given().auth().oauth2(token("county-shizhong")).when().get(BASE + "?division=" + TONGJIANG_COMMUNITY + "&q=" + tag).then()
                .statusCode(200).body("items.id", equalTo(List.of(inTongjiang)));
        given().auth().oauth2(token("clerk-dafo")).when().get(BASE + "?division=511102").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token("county-jiajiang")).when().get(BASE + "?division=" + DAFO_URBAN).then().statusCode(403);
        given().auth().oauth2(token("clerk-dafo")).when().get(BASE + "?division=999999").then()
                .statusCode(400).body("errors.field", equalTo(List.of("division")));
        given().auth().oauth2(token("exchange-reader")).when().get(BASE).then().statusCode(403);
    }

    @Test
    void correctionsRecordsExportsImportsAndUpsertsFollowTheJurisdictionForEveryRole() {
        String inDafo = OrganizationLifecycleTest.create(token("clerk-dafo"), registered(name("全操作矩阵"), DAFO_URBAN));
        Map<String, Integer> patch = expect(200, 200, 404, 200, 404, 404, 403, 404);
        Map<String, Integer> record = expect(201, 201, 404, 201, 404, 404, 403, 404);
        Map<String, Integer> read = expect(200, 200, 404, 200, 404, 404, 200, 404);
        Map<String, Integer> export = expect(200, 200, 403, 200, 403, 403, 200, 403);
        Map<String, Integer> importing = expect(202, 202, 202, 202, 202, 202, 403, 403);
        Map<String, Integer> upsert = expect(403, 403, 403, 403, 403, 403, 201, 403);
        for (String role : ROLES) {
            int version = given().auth().oauth2(token("city-admin")).get(BASE + "/" + inDafo).path("version");
            given().auth().oauth2(token(role)).contentType("application/merge-patch+json; charset=UTF-8")
                    .header("If-Match", "\"" + version + "\"").body(Map.of("memberCount", 20 + version))
                    .when().patch(BASE + "/" + inDafo).then().statusCode(patch.get(role));
            given().auth().oauth2(token(role)).contentType(ContentType.JSON)
                    .body(Map.of("theme", "SAFETY", "heldOn", "2024-06-01", "description", "消防演练 " + role))
                    .when().post(BASE + "/" + inDafo + "/activities").then().statusCode(record.get(role));
            given().auth().oauth2(token(role)).when().get(BASE + "/" + inDafo + "/activities").then().statusCode(read.get(role));
            given().auth().oauth2(token(role)).queryParam("division", DAFO_URBAN).when().get(BASE + "/export").then()
                    .statusCode(export.get(role));
            given().auth().oauth2(token(role)).contentType("text/csv; charset=UTF-8")
                    .body(("name,managementClass,category,communityCode,registeredOn\n" + name("矩阵导入")
                            + ",COMMUNITY_GUIDED,INTEREST_VOLUNTEER," + DAFO_URBAN + ",2024-01-01\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .when().post(BASE + "/imports").then().statusCode(importing.get(role));
            Map<String, Object> synced = registered(name("矩阵同步"), DAFO_URBAN);
            given().auth().oauth2(token(role)).contentType(ContentType.JSON).body(synced)
                    .when().put(BASE + "/by-credit-code/" + synced.get("creditCode")).then().statusCode(upsert.get(role));
        }
    }

    /** Expected statuses in the order of {@link #ROLES}. */
    private static Map<String, Integer> expect(Integer... statuses) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < ROLES.size(); i++) {
            map.put(ROLES.get(i), statuses[i]);
        }
        return map;
    }
}
