package io.miaopu.registry;

import static io.miaopu.registry.RegistryTestSupport.DAFO;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.name;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.miaopu.chassis.testing.ServiceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anyone may ask the public list, so what one request costs must not grow with the page asked
 * for (issue 19, finding 7): the list reaches the first 1,000 matches, a deeper page is a 400
 * naming page, and the total is counted up to 1,000 (with {@code more}).
 */
@QuarkusTest
class PublicListCostTest {

    private static final String PUBLIC = "/api/v1/public/organizations";
    private String tag;

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
        tag = name("公示深度");
    }

    @AfterEach
    void removeRows() throws Exception {
        ServiceDatabase.execute("delete from organization where name like '" + tag + "%'");
    }

    @Test
    void aPageBeyondTheFirstThousandMatchesIsRefused() {
        for (int[] deep : new int[][] {{50, 20}, {10, 100}, {100_000, 20}}) {
            given().queryParam("page", deep[0]).queryParam("size", deep[1]).when().get(PUBLIC).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("page")));
        }
        given().queryParam("page", 49).queryParam("size", 20).when().get(PUBLIC).then().statusCode(200);
        given().queryParam("page", 9).queryParam("size", 100).when().get(PUBLIC).then().statusCode(200);
    }

    @Test
    void theTotalIsCountedUpToTheDepthAndTheDeepestPageIsServed() throws Exception {
        // 1,005 current organizations whose names start with the tag (inserted directly: the API would take minutes)
        ServiceDatabase.execute("insert into organization (id, name, management_class, category, community_code, registered_on,"
                + " status, status_effective_on, version, created_at, updated_at) select gen_random_uuid(), '" + tag + "' || lpad(i::text, 4, '0'),"
                + " 'COMMUNITY_GUIDED', 'INTEREST_VOLUNTEER', '" + DAFO_URBAN + "', date '2024-01-01', 'ACTIVE', date '2024-01-01', 1, now(), now()"
                + " from generate_series(1, 1005) as i");
        given().queryParam("q", tag).queryParam("size", 20).when().get(PUBLIC).then().statusCode(200)
                .body("total", equalTo(1000)).body("more", equalTo(true)).body("items.size()", equalTo(20))
                .body("items[0].name", equalTo(tag + "0001"));
        given().queryParam("q", tag).queryParam("division", DAFO).queryParam("page", 49).queryParam("size", 20)
                .when().get(PUBLIC).then().statusCode(200)
                .body("total", equalTo(1000)).body("more", equalTo(true))
                .body("items[19].name", equalTo(tag + "1000"));
        ServiceDatabase.execute("update organization set status = 'DEREGISTERED' where name like '" + tag + "%' and name > '"
                + tag + "0010'");
        given().queryParam("q", tag).when().get(PUBLIC).then().statusCode(200)
                .body("total", equalTo(10)).body("more", equalTo(false));
    }
}
