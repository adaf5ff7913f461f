package io.miaopu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.sun.net.httpserver.HttpServer;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A service that fails with its own error page (a stack trace in it) is answered 502 problem+json
 * without any of it; a service's own problem+json passes unchanged.
 */
@QuarkusTest
@TestProfile(UpstreamErrorTest.FailingTraining.class)
class UpstreamErrorTest {

    private static final int PORT = 18_997;
    private static HttpServer stub;

    public static class FailingTraining implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("miaopu.gateway.upstreams.training.url", "http://127.0.0.1:" + PORT);
        }
    }

    @BeforeAll
    static void failingService() {
        try {
            stub = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stub.createContext("/api/v1/training-sessions", exchange -> {
            byte[] page = "<html><body>java.lang.NullPointerException at io.miaopu.training.Secret.method(Secret.java:42)</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(500, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        stub.createContext("/api/v1/training-ledger", exchange -> {
            byte[] problem = "{\"type\":\"urn:miaopu:problem:not-ready\",\"status\":503,\"title\":\"Not ready yet\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(503, problem.length);
            exchange.getResponseBody().write(problem);
            exchange.close();
        });
        stub.start();
    }

    @AfterAll
    static void stop() {
        stub.stop(0);
    }

    @Test
    void anUpstreamErrorPageNeverReachesTheCaller() {
        given().auth().oauth2(Tokens.of("city-admin")).when().get("/api/v1/training-sessions").then()
                .statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:upstream-error"))
                .body(not(containsString("NullPointerException"))).body(not(containsString("Secret.java")));
        given().auth().oauth2(Tokens.of("city-admin")).when().get("/api/v1/training-ledger").then()
                .statusCode(503).contentType("application/problem+json").body("type", equalTo("urn:miaopu:problem:not-ready"));
    }
}
