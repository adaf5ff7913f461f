package io.miaopu.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.testing.Tokens;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The hierarchy end to end: read through the gateway, changed by the city bureau through the
 * gateway, and the change arriving in the replicas that registry and metrics keep from the
 * compacted topic (checked in their own databases: a test may look where services may not).
 */
@Order(2)
class HierarchyThroughTheSuiteTest {

    @BeforeAll
    static void suite() {
        LocalSuite.ensureStarted();
    }

    @Test
    void everyRoleReadsTheHierarchyThroughTheGateway() {
        for (String token : new String[] {Tokens.user("clerk-dafo"), Tokens.client("province-platform"),
                Tokens.client("exchange-reader")}) {
            given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(token)
                    .when().get("/api/v1/divisions/511102004001/ancestors").then()
                    .statusCode(200)
                    .body("code", contains("511102004", "511102", "5111", "51"));
        }
        given().baseUri(LocalSuite.gatewayUrl()).when().get("/api/v1/divisions/51").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRenameByTheCityBureauReachesTheReplicasOfRegistryAndMetrics() throws Exception {
        String name = "井研县（" + System.currentTimeMillis() % 100000 + "）";
        int revision = given().baseUri(LocalSuite.gatewayUrl()).auth().oauth2(Tokens.user("city-admin"))
                .contentType(ContentType.JSON).body(Map.of("name", name, "reason", "system test"))
                .when().post("/api/v1/divisions/511124/rename").then()
                .statusCode(200)
                .body("name", equalTo(name))
                .extract().path("revision");
        for (String service : new String[] {"registry", "metrics"}) {
            awaitReplica(service, "511124", name, revision);
            awaitReplica(service, "511102004", "大佛街道", 1);
        }
    }

    private static void awaitReplica(String service, String code, String name, int revision) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection db = connect(service);
                 PreparedStatement query = db.prepareStatement("select name, revision from division_replica where code = ?")) {
                query.setString(1, code);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next() && name.equals(rs.getString(1))) {
                        assertEquals(revision, rs.getLong(2), service + "'s replica carries the new revision");
                        return;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(service + "'s replica did not receive '" + name + "' (revision " + revision + ") of " + code);
    }

    private static Connection connect(String service) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + service + "_system", service,
                System.getenv().getOrDefault("MIAOPU_DB_PASSWORD", "miaopu-dev"));
    }
}
