package io.miaopu.registry;

import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.footprint;
import static io.miaopu.registry.RegistryTestSupport.name;
import static io.miaopu.registry.RegistryTestSupport.registered;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed input is a 400 naming the field, never a 5xx and never altered data (issue 19: lone
 * surrogates, lenient JSON, typed query parameters, a body without a Content-Type). The rules live
 * once in the chassis; this is registry's side of them.
 */
@QuarkusTest
class StrictInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOLE = "@@hole@@";

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void aLoneSurrogateIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String before = footprint();
        // "\ud800中文abc" as the probe sent it: was a 201 whose stored name read back as "?-文abc"
        refused(with("name", "\"\\ud800中文abc\""), "name");
        refused(with("name", "\"abc\\udc00\""), "name");
        Map<String, Object> body = registered(name("代理"), DAFO_URBAN);
        body.put("leader", Map.of("name", HOLE, "phone", "13800001234"));
        refused(JSON.writeValueAsString(body).replace("\"" + HOLE + "\"", "\"王\\udbff\""), "leader.name");
        assertEquals(before, footprint());
        // a character outside the BMP (a surrogate pair) is a character: kept as sent
        String name = name("\uD840\uDC00字");
        String id = OrganizationLifecycleTest.create(token("clerk-dafo"), registered(name, DAFO_URBAN));
        given().auth().oauth2(token("clerk-dafo")).when().get(BASE + "/" + id).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void jsonIsReadStrictly() throws Exception {
        String before = footprint();
        String valid = JSON.writeValueAsString(registered(name("严格"), DAFO_URBAN));
        // one document per request
        refused(valid + " garbage", null);
        refused(valid + valid, "body");
        // a member twice
        refused(valid.replaceFirst("\\{", "{\"memberCount\":3,"), "memberCount");
        // no scalar coercion either way
        refused(with("name", "12345"), "name");
        refused(with("memberCount", "\"25\""), "memberCount");
        refused(with("memberCount", "25.5"), "memberCount");
        refused(with("memberCount", "\"\""), "memberCount");
        refused(with("hubType", "\"true\""), "hubType");
        refused(with("hubType", "1"), "hubType");
        // enums by their exact name only
        refused(with("legalForm", "\"social_group\""), "legalForm");
        refused(with("legalForm", "0"), "legalForm");
        refused(with("legalForm", "\"NO_SUCH_FORM\""), "legalForm");
        // dates exactly yyyy-MM-dd
        refused(with("registeredOn", "\"2023-04-12T00:00:00\""), "registeredOn");
        refused(with("registeredOn", "\"2023-04-12\\u0000\""), "registeredOn");
        refused(with("registeredOn", "\"2023-04-12 \""), "registeredOn");
        refused(with("registeredOn", "\"2023-02-30\""), "registeredOn");
        refused(with("registeredOn", "19459"), "registeredOn");
        refused(with("registeredOn", "[2023,4,12]"), "registeredOn");
        assertEquals(before, footprint());
    }

    @Test
    void aCorrectionIsStrictToo() {
        String id = OrganizationLifecycleTest.create(token("clerk-dafo"), registered(name("严格更正"), DAFO_URBAN));
        // a body without a Content-Type is a 415, not read by guess
        given().auth().oauth2(token("clerk-dafo")).header("If-Match", "\"1\"")
                .body("{\"memberCount\":30}".getBytes(StandardCharsets.UTF_8))
                .when().patch(BASE + "/" + id).then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(token("clerk-dafo")).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"memberCount\":\"30\"}").when().patch(BASE + "/" + id).then()
                .statusCode(400).body("errors.field", equalTo(List.of("memberCount")));
        given().auth().oauth2(token("clerk-dafo")).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"name\":\"\\ud800x\"}").when().patch(BASE + "/" + id).then()
                .statusCode(400).body("errors.field", equalTo(List.of("name")));
        given().auth().oauth2(token("clerk-dafo")).header("If-Match", "\"1\"").contentType("application/merge-patch+json")
                .body("{\"memberCount\":30} {}").when().patch(BASE + "/" + id).then().statusCode(400);
        given().auth().oauth2(token("clerk-dafo")).when().get(BASE + "/" + id).then().body("version", equalTo(1));
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() {
        for (String path : List.of(BASE, "/api/v1/public/organizations")) {
            for (String parameter : List.of("page", "size")) {
                for (String value : List.of("abc", "1.5", "99999999999")) {
                    var answer = given().auth().oauth2(token("city-admin")).queryParam(parameter, value).when().get(path);
                    assertEquals(400, answer.statusCode(), path + "?" + parameter + "=" + value);
                    answer.then().contentType("application/problem+json").body("errors.field", equalTo(List.of(parameter)));
                }
            }
        }
        // blank is absent (the default applies), as in QueryParams; a malformed id in the path names no organization: 404
        given().auth().oauth2(token("city-admin")).when().get(BASE + "/not-a-uuid").then().statusCode(404);
    }

    @Test
    void beneficiaryCountsAreBoundedAndTheirTotalDoesNotOverflow() {
        String id = OrganizationLifecycleTest.create(token("clerk-dafo"), registered(name("受益人数"), DAFO_URBAN));
        String activities = BASE + "/" + id + "/activities";
        // two groups of 2^31−1 were summed in an int: a 500
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body(Map.of("theme", "SAFETY", "heldOn", "2024-06-01", "description", "上限",
                        "beneficiaries", List.of(Map.of("group", "LOW_INCOME", "count", Integer.MAX_VALUE),
                                Map.of("group", "DISABLED", "count", Integer.MAX_VALUE))))
                .when().post(activities).then().statusCode(400)
                .body("errors.field", equalTo(List.of("beneficiaries[0].count", "beneficiaries[1].count")));
        given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body(Map.of("theme", "SAFETY", "heldOn", "2024-06-01", "description", "上限",
                        "beneficiaries", List.of(Map.of("group", "LOW_INCOME", "count", 1_000_000),
                                Map.of("group", "DISABLED", "count", 1_000_000))))
                .when().post(activities).then().statusCode(201).body("beneficiaryTotal", equalTo(2_000_000));
    }

    /** A valid registration whose {@code field} carries the raw JSON {@code value}. */
    private static String with(String field, String value) throws Exception {
        Map<String, Object> body = registered(name("严格"), DAFO_URBAN);
        body.put(field, HOLE);
        return JSON.writeValueAsString(body).replace("\"" + HOLE + "\"", value);
    }

    private static void refused(String json, String field) {
        var answer = given().auth().oauth2(token("clerk-dafo")).contentType(ContentType.JSON)
                .body(json.getBytes(StandardCharsets.UTF_8))
                .when().post(BASE).then().statusCode(400).contentType("application/problem+json");
        if (field != null) {
            answer.body("errors.field", equalTo(List.of(field)));
        }
    }
}
