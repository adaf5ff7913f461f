package io.miaopu.chassis.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every domain service must do from its first day: migrate its own database, report its
 * readiness by its database alone (Kafka, the outbox and dead letters as wellness data), publish OpenAPI and Prometheus metrics, and verify Keycloak tokens
 * itself, answering failures as problem+json. Each service's test extends this with its name.
 */
public abstract class ServiceSkeletonContract {

    private final String service;

    protected ServiceSkeletonContract(String service) {
        this.service = service;
    }

    @Test
    void readinessIsTheDatabaseWhileKafkaAndTheOutboxAreWellnessData() {
        // Readiness means "can serve requests": the database. The broker and the backlog are data (issue 19).
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(containsString("Database connections health check")))
                .body("checks.name", org.hamcrest.Matchers.not(hasItems(containsString("Kafka"))))
                .body("checks.name", org.hamcrest.Matchers.not(hasItems(containsString("Outbox relay"))));
        given().when().get("/q/health/well").then()
                .body("checks.name", hasItems(containsString("Kafka connection health check"), containsString("Outbox relay"),
                        containsString("Dead letters")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void migratesItsOwnDatabaseWithFlyway() throws Exception {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        assertTrue(url.endsWith("/" + service + "_test"), "tests use the service's own test database: " + url);
        try (Connection db = DriverManager.getConnection(url,
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
             ResultSet rows = db.createStatement().executeQuery(
                     "select count(*) from flyway_schema_history where version = '1' and success")) {
            rows.next();
            assertTrue(rows.getInt(1) == 1, "V1 applied by Flyway");
        }
    }

    @Test
    void publishesOpenApiAndPrometheusMetrics() {
        given().accept("application/json").when().get("/q/openapi").then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/{service}/whoami"));
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void whoAmIReportsTheVerifiedCaller() {
        given().auth().oauth2(Tokens.user("clerk-dafo"))
                .when().get("/api/v1/" + service + "/whoami").then()
                .statusCode(200)
                .body("service", equalTo(service))
                .body("username", equalTo("clerk-dafo"))
                .body("subject", notNullValue())
                .body("roles", hasItem("township-clerk"))
                .body("division", equalTo("511102004"));
    }

    @Test
    void machineClientIsSeenWithItsClientId() {
        given().auth().oauth2(Tokens.client("province-platform"))
                .when().get("/api/v1/" + service + "/whoami").then()
                .statusCode(200)
                .body("clientId", equalTo("province-platform"))
                .body("roles", hasItem("province-platform"))
                .body("division", equalTo("51"));
    }

    @Test
    void noTokenIsUnauthorizedProblem() {
        given().when().get("/api/v1/" + service + "/whoami").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("urn:miaopu:problem:unauthorized"))
                .body("status", equalTo(401))
                .body("title", notNullValue())
                .body("titleZh", equalTo("需要身份认证"))
                .body("instance", equalTo("/api/v1/" + service + "/whoami"));
    }

    @Test
    void tamperedSignatureIsUnauthorizedProblem() {
        given().auth().oauth2(Tokens.tampered(Tokens.user("clerk-dafo")))
                .when().get("/api/v1/" + service + "/whoami").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:unauthorized"));
    }

    @Test
    void anotherServicesPathIsNotFoundProblem() {
        given().auth().oauth2(Tokens.user("clerk-dafo"))
                .when().get("/api/v1/no-such-service/whoami").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:not-found"))
                .body("detailZh", notNullValue());
    }
}
