package io.miaopu.registry;

import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO;
import static io.miaopu.registry.RegistryTestSupport.DAFO_RURAL;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.TONGJIANG_COMMUNITY;
import static io.miaopu.registry.RegistryTestSupport.filed;
import static io.miaopu.registry.RegistryTestSupport.registered;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Searching by division, name, class and dates; public disclosure; exports. */
@QuarkusTest
class OrganizationSearchTest {

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    /** Three Chinese characters no other test uses. */
    private static String tag() {
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            tag.appendCodePoint(0x4E00 + ThreadLocalRandom.current().nextInt(0x9FA5 - 0x4E00));
        }
        return tag.toString();
    }

    @Test
    void listsFindChineseSubstringsAndFilterPageAndSort() {
        String tag = tag();
        String clerk = token("clerk-dafo");
        Map<String, Object> a = registered(tag + "书画研究会", DAFO_URBAN);
        a.put("registeredOn", "2021-06-01");
        a.put("establishedOn", "2021-05-01");
        Map<String, Object> b = filed("夕阳" + tag + "合唱团", DAFO_RURAL);
        b.put("registeredOn", "2024-02-29");
        Map<String, Object> c = filed("ABC" + tag + "乐队", TONGJIANG_COMMUNITY);
        c.put("registeredOn", "2025-12-31");
        String idA = OrganizationLifecycleTest.create(clerk, a);
        String idB = OrganizationLifecycleTest.create(clerk, b);
        String idC = OrganizationLifecycleTest.create(token("clerk-tongjiang"), c);
        String county = token("county-shizhong");

        given().auth().oauth2(county).queryParam("q", tag).when().get(BASE).then()
                .statusCode(200).body("total", equalTo(3)).body("items.id", containsInAnyOrder(idA, idB, idC));
        given().auth().oauth2(county).queryParam("q", tag.substring(0, 2)).when().get(BASE).then()
                .body("items.id", hasItem(idA)).body("items.id", hasItem(idC));
        given().auth().oauth2(county).queryParam("q", tag.substring(1, 2)).when().get(BASE).then()
                .body("items.id", hasItem(idB));
        given().auth().oauth2(county).queryParam("q", tag + "书画").when().get(BASE).then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(idA));
        given().auth().oauth2(county).queryParam("q", "abc" + tag).when().get(BASE).then()
                .body("total", equalTo(1)).body("items[0].id", equalTo(idC));
        given().auth().oauth2(county).queryParam("q", tag + "%").when().get(BASE).then().body("total", equalTo(0));
        given().auth().oauth2(county).queryParam("q", tag).queryParam("division", DAFO).when().get(BASE).then()
                .body("items.id", containsInAnyOrder(idA, idB));
        given().auth().oauth2(county).queryParam("q", tag).queryParam("division", DAFO_RURAL).when().get(BASE).then()
                .body("items.id", contains(idB));
        given().auth().oauth2(county).queryParam("q", tag).queryParam("category", "INTEREST_VOLUNTEER")
                .queryParam("managementClass", "COMMUNITY_GUIDED").when().get(BASE).then()
                .body("items.id", containsInAnyOrder(idB, idC));
        given().auth().oauth2(county).queryParam("q", tag).queryParam("subcategory", "LIFE_SERVICE").when().get(BASE).then()
                .body("items.id", contains(idA));
        given().auth().oauth2(county).queryParam("q", tag).queryParam("registeredFrom", "2024-01-01")
                .queryParam("registeredTo", "2024-12-31").when().get(BASE).then()
                .body("items.id", contains(idB));
        given().auth().oauth2(county).queryParam("q", tag).queryParam("sort", "-registeredOn").queryParam("size", 2)
                .when().get(BASE).then()
                .body("total", equalTo(3)).body("size", equalTo(2)).body("page", equalTo(0))
                .body("items.id", contains(idC, idB));
        given().auth().oauth2(county).queryParam("q", tag).queryParam("sort", "-registeredOn").queryParam("size", 2)
                .queryParam("page", 1).when().get(BASE).then()
                .body("total", equalTo(3)).body("items.id", contains(idA));
        given().auth().oauth2(county).queryParam("q", tag).queryParam("status", "ACTIVE").when().get(BASE).then()
                .body("total", equalTo(3));
        for (String[] bad : List.of(new String[] {"sort", "bogus"}, new String[] {"category", "X"},
                new String[] {"registeredFrom", "2024-02-30"}, new String[] {"size", "501"}, new String[] {"page", "-1"})) {
            given().auth().oauth2(county).queryParam(bad[0], bad[1]).when().get(BASE).then()
                    .statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void thePublicSeesDisclosedFieldsOfOrganizationsNotDeregisteredAndNothingPersonal() {
        String tag = tag();
        String clerk = token("clerk-dafo");
        String open = OrganizationLifecycleTest.create(clerk, registered(tag + "公益服务中心", DAFO_URBAN));
        String gone = OrganizationLifecycleTest.create(clerk, filed(tag + "已注销队", DAFO_URBAN));
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("status", "DEREGISTERED", "reason", "解散"))
                .when().post(BASE + "/" + gone + "/status-changes").then().statusCode(200);
        Response list = given().queryParam("q", tag).queryParam("division", "511102").when().get("/api/v1/public/organizations");
        list.then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(open))
                .body("items[0].communityName", equalTo("篦子街社区居委会"));
        Map<String, Object> item = list.path("items[0]");
        assertEquals(Set.of("id", "name", "creditCode", "category", "subcategory", "communityCode", "communityName", "status",
                "registeredOn"), item.keySet());
        String body = given().when().get("/api/v1/public/organizations/" + open).then().statusCode(200).extract().asString();
        assertFalse(body.contains("王秀英") || body.contains("13800001234") || body.contains("leader") || body.contains("version"));
        given().when().get("/api/v1/public/organizations/" + gone).then().statusCode(404).contentType("application/problem+json");
        given().queryParam("division", "nowhere").when().get("/api/v1/public/organizations").then().statusCode(400);
        // the internal API stays closed without a token
        given().when().get(BASE + "/" + open).then().statusCode(401);
    }

    @Test
    void exportsStreamTheFilteredListAsCsvAndXlsxWithinTheJurisdiction() throws Exception {
        String tag = tag();
        String clerk = token("clerk-dafo");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = registered(tag + "导出" + i + "号, \"队\"", DAFO_URBAN);
            names.add((String) body.get("name"));
            OrganizationLifecycleTest.create(clerk, body);
        }
        OrganizationLifecycleTest.create(token("clerk-tongjiang"), registered(tag + "通江导出", TONGJIANG_COMMUNITY));
        byte[] csv = given().auth().oauth2(clerk).queryParam("q", tag).queryParam("format", "csv")
                .when().get(BASE + "/export").then()
                .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"))
                .extract().asByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFid,name,creditCode"), text);
        String[] lines = text.split("\r\n");
        assertEquals(4, lines.length, "header and the clerk's three organizations: " + text);
        assertTrue(text.contains("\"" + names.get(0).replace("\"", "\"\"") + "\""), "quoted as RFC 4180");
        assertFalse(text.contains("通江导出"), "nothing outside the jurisdiction");

        byte[] xlsx = given().auth().oauth2(token("county-shizhong")).queryParam("q", tag).queryParam("format", "xlsx")
                .when().get(BASE + "/export").then()
                .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/vnd.openxmlformats"))
                .extract().asByteArray();
        Set<String> entries = new TreeSet<>();
        String sheet = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.add(e.getName());
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    sheet = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertEquals(Set.of("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml",
                "xl/worksheets/sheet1.xml"), entries);
        assertEquals(5, sheet.split("<row ").length - 1, "header and four rows");
        assertTrue(sheet.contains(tag + "通江导出"));
        assertTrue(sheet.contains("&quot;队&quot;"), "text escaped as XML");

        given().auth().oauth2(clerk).queryParam("format", "pdf").when().get(BASE + "/export").then()
                .statusCode(400).body("errors.field", equalTo(List.of("format")));
        given().auth().oauth2(clerk).queryParam("division", "511102").when().get(BASE + "/export").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(clerk).queryParam("q", tag).when().get(BASE).then()
                .body("items.name", not(hasItem(tag + "通江导出")));
    }
}
