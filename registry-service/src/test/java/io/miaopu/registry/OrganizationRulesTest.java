package io.miaopu.registry;

import io.miaopu.chassis.testing.ServiceDatabase;
import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO;
import static io.miaopu.registry.RegistryTestSupport.DAFO_RURAL;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN_2;
import static io.miaopu.registry.RegistryTestSupport.RETIRED_COMMUNITY;
import static io.miaopu.registry.RegistryTestSupport.filed;
import static io.miaopu.registry.RegistryTestSupport.footprint;
import static io.miaopu.registry.RegistryTestSupport.name;
import static io.miaopu.registry.RegistryTestSupport.registered;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.miaopu.chassis.events.EventSchemas;
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

/** Every rule of an organization's record: accepted records, and each refusal (4xx problem naming the fields, nothing written). */
@QuarkusTest
class OrganizationRulesTest {

    @Inject
    EventSchemas schemas;

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void aRegisteredOrganizationIsRecordedWithItsHistoryAndItsEvent() throws Exception {
        Map<String, Object> body = registered(name("大佛街道老年协会"), DAFO_URBAN);
        String id = given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(body)
                .when().post(BASE).then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/organizations/"))
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo(body.get("name")))
                .body("creditCode", equalTo(body.get("creditCode")))
                .body("legalForm", equalTo("SOCIAL_GROUP"))
                .body("managementClass", equalTo("REGISTERED"))
                .body("serviceAreas", equalTo(List.of("ELDERLY_CARE", "HEALTH_CARE")))
                .body("leader.name", equalTo("王秀英"))
                .body("leader.phone", equalTo("13800001234"))
                .body("status", equalTo("ACTIVE"))
                .body("statusReason", nullValue())
                .body("version", equalTo(1))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue())
                .extract().path("id");
        String payload = ServiceDatabase.single("select payload::text from outbox_event where aggregate_id = '" + id
                + "' and type = 'io.miaopu.registry.organization.registered.v1'");
        schemas.validate("io.miaopu.registry.organization.registered.v1", payload);
        assertFalse(payload.contains("王秀英") || payload.contains("13800001234") || payload.contains("leader"),
                "no personal data in events: " + payload);
        given().auth().oauth2(token("clerk-dafo")).when().get(BASE + "/" + id + "/history").then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].changeType", equalTo("REGISTERED"))
                .body("[0].changedBy", equalTo("clerk-dafo"))
                .body("[0].after.name", equalTo(body.get("name")));
    }

    @Test
    void aFiledOrganizationNeedsNoCreditCodeAndNoLegalForm() throws Exception {
        String id = given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body(filed(name("碧山路广场舞队"), DAFO_URBAN_2))
                .when().post(BASE).then()
                .statusCode(201).body("creditCode", nullValue()).body("legalForm", nullValue())
                .extract().path("id");
        schemas.validate("io.miaopu.registry.organization.filed.v1", ServiceDatabase.single(
                "select payload::text from outbox_event where aggregate_id = '" + id + "'"));
    }

    @Test
    void eachBrokenRuleIsRefusedNamingItsFieldAndWritesNothing() throws Exception {
        String before = footprint();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        refused(400, List.of("creditCode", "legalForm"), b -> {
            b.remove("creditCode");
            b.remove("legalForm");
        });
        refused(400, List.of("legalForm"), b -> {
            b.put("managementClass", "TOWNSHIP_MANAGED");
        });
        refused(400, List.of("creditCode"), b -> b.put("creditCode", "51100000500002862G"));        // wrong check character
        refused(400, List.of("creditCode"), b -> b.put("creditCode", "5110000050000286IF"));        // forbidden letter
        refused(400, List.of("creditCode"), b -> b.put("creditCode", "53100000500019795A"));        // a foundation's code for a social group
        refused(400, List.of("subcategory"), b -> b.put("subcategory", "CULTURE_SPORTS"));
        refused(400, List.of("registeredOn"), b -> b.put("registeredOn", tomorrow));
        refused(400, List.of("registeredOn"), b -> {
            b.put("establishedOn", "2023-05-01");
            b.put("registeredOn", "2023-04-30");
        });
        refused(400, List.of("registeredOn"), b -> b.put("registeredOn", "0001-01-01"));   // not a date of this world
        refused(400, List.of("establishedOn", "registeredOn"), b -> {
            b.put("establishedOn", tomorrow);
            b.put("registeredOn", today);
        });
        refused(400, List.of("name", "communityCode", "category"), b -> {
            b.put("name", "　 ");
            b.remove("communityCode");
            b.remove("category");
        });
        refused(400, List.of("communityCode"), b -> b.put("communityCode", "51110200400A"));
        refused(400, List.of("leader.phone"), b -> b.put("leader", Map.of("name", "王", "phone", "12345")));
        refused(400, List.of("memberCount"), b -> b.put("memberCount", 0));
        refused(400, List.of("serviceAreas"), b -> b.put("serviceAreas", List.of("FITNESS", "FITNESS")));
        refused(400, List.of("serviceAreas[0]"), b -> b.put("serviceAreas", List.of("KARAOKE")));
        refused(400, List.of("category"), b -> b.put("category", "SPORTS"));
        refused(400, List.of("status"), b -> b.put("status", "ACTIVE"));                      // read-only, not silently ignored
        refused(422, List.of("communityCode"), b -> b.put("communityCode", RETIRED_COMMUNITY));
        refused(422, List.of("communityCode"), b -> b.put("communityCode", "511102004998")); // unknown
        refused(422, List.of("communityCode"), b -> b.put("communityCode", DAFO + "000"));   // not a village-level unit
        assertEquals(before, footprint(), "refusals write nothing");
    }

    @Test
    void creditCodesAndNamesAreUniqueAmongOrganizationsNotDeregistered() throws Exception {
        Map<String, Object> first = registered(name("任家坝志愿服务队"), DAFO_RURAL);
        String id = given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(first)
                .when().post(BASE).then().statusCode(201).extract().path("id");
        String before = footprint();
        Map<String, Object> sameCode = registered(name("另一个协会"), DAFO_RURAL);
        sameCode.put("creditCode", first.get("creditCode"));
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(sameCode)
                .when().post(BASE).then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:conflict"))
                .body("errors.field", equalTo(List.of("creditCode")));
        Map<String, Object> sameName = registered((String) first.get("name"), DAFO_RURAL);
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(sameName)
                .when().post(BASE).then()
                .statusCode(409).body("errors.field", equalTo(List.of("name")));
        assertEquals(before, footprint());
        // the same name in another community is another organization
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body(registered((String) first.get("name"), DAFO_URBAN))
                .when().post(BASE).then().statusCode(201);
        // once deregistered, the code and the name are free again
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body(Map.of("status", "DEREGISTERED", "reason", "自行解散"))
                .when().post(BASE + "/" + id + "/status-changes").then().statusCode(200);
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(sameCode)
                .when().post(BASE).then().statusCode(201);
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(sameName)
                .when().post(BASE).then().statusCode(201);
    }

    @Test
    void malformedBodiesAreProblemsNeverServerErrors() throws Exception {
        String before = footprint();
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post(BASE).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body("[]")
                .when().post(BASE).then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "registeredOn", "2023-13-45"))
                .when().post(BASE).then().statusCode(400).body("errors.field", hasItem("registeredOn"));
        // text PostgreSQL cannot store is refused at the door, in the body and in parameters
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body(registered("零字符", DAFO_URBAN).entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> e.getKey().equals("leader") ? Map.of("name", "张\u0000三") : e.getValue())))
                .when().post(BASE).then().statusCode(400).body("errors.field", equalTo(List.of("leader.name")));
        given().queryParam("q", "舞\u0000").when().get("/api/v1/public/organizations").then()
                .statusCode(400).contentType("application/problem+json");
        assertEquals(before, footprint());
    }

    private static void refused(int status, List<String> fields, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> body = registered(name("规则测试"), DAFO_URBAN);
        breakIt.accept(body);
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON).body(body)
                .when().post(BASE).then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("detailZh", notNullValue())
                .body("errors.field", hasItems(fields.toArray(String[]::new)))
                .body("errors.size()", equalTo(fields.size()))
                .body("errors.messageZh", org.hamcrest.Matchers.everyItem(notNullValue()));
    }
}
