package io.miaopu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.testing.Tokens;
import io.miaopu.gateway.authentication.VerifiedTokens;
import io.miaopu.gateway.config.GatewayConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The gateway's protections against the real Keycloak, every upstream down (a forwarded request is a
 * 503): the route × role table, tokens that must not pass, rate limits per client, the circuit
 * breaker, CORS, security headers and the access log.
 */
@QuarkusTest
class GatewayProtectionTest {

    /** The demo principals and the realm role each holds. */
    private static final Map<String, String> PRINCIPALS = new LinkedHashMap<>();

    static {
        PRINCIPALS.put("city-admin", "city-admin");
        PRINCIPALS.put("county-shizhong", "county-officer");
        PRINCIPALS.put("clerk-dafo", "township-clerk");
        PRINCIPALS.put("province-platform", "province-platform");
        PRINCIPALS.put("exchange-reader", "exchange-reader");
    }

    @Inject
    VerifiedTokens verifiedTokens;

    @Inject
    GatewayConfig config;

    @Test
    void everyRouteForwardsItsRolesAndRefusesTheOthersBeforeForwarding() {
        int checked = 0;
        for (GatewayConfig.Route route : config.routes()) {
            if (route.roles().contains("anonymous")) {
                continue;
            }
            String path = route.prefix().endsWith("/") ? route.prefix() + "x" : route.prefix();
            for (Map.Entry<String, String> principal : PRINCIPALS.entrySet()) {
                boolean allowed = route.roles().contains("authenticated") || route.roles().contains(principal.getValue());
                Response response = given().auth().oauth2(Tokens.of(principal.getKey())).when().get(path);
                // forwarded to a service that is down: 503; refused at the edge: 403
                assertEquals(allowed ? 503 : 403, response.statusCode(), principal.getKey() + " on " + path);
                assertEquals("application/problem+json", response.contentType());
                checked++;
            }
        }
        assertTrue(checked >= 100, "the whole table: " + checked);
    }

    @Test
    void expiredWrongIssuerAndWrongAudienceTokensAreUnauthorized() throws Exception {
        String admin = keycloakToken("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", env("MIAOPU_KEYCLOAK_ADMIN", "admin"), "password", env("MIAOPU_KEYCLOAK_ADMIN_PASSWORD", "admin")));
        // another realm's token: signed by another key, another issuer
        unauthorized(admin);
        // the right realm and key, but issued to a client whose tokens are not for this API (no miaopu-api audience)
        String noAudience = keycloakToken("miaopu", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "clerk-dafo", "password", env("MIAOPU_PASSWORD_CLERK_DAFO", "clerk-dafo")));
        assertFalse(Tokens.claims(noAudience).path("aud").toString().contains("miaopu-api"));
        unauthorized(noAudience);
        // a client whose tokens live one second: within the allowed clock skew accepted, past it refused
        String clientId = "conformance-short-lived";
        String internalId = createShortLivedClient(admin, clientId);
        try {
            String shortLived = keycloakToken("miaopu", Map.of("grant_type", "client_credentials", "client_id", clientId,
                    "client_secret", clientId + "-secret"));
            JsonNode claims = Tokens.claims(shortLived);
            assertTrue(claims.path("aud").toString().contains("miaopu-api"));
            long skew = ConfigProvider.getConfig().getValue("quarkus.oidc.token.lifespan-grace", Long.class);
            long expiresAt = claims.path("exp").asLong() * 1000;
            sleepUntil(expiresAt + 500);
            // expired half a second ago, within the skew: forwarded (its upstream is down)
            given().auth().oauth2(shortLived).when().get("/api/v1/progress").then().statusCode(org.hamcrest.Matchers.not(401));
            sleepUntil(expiresAt + (skew + 2) * 1000);
            unauthorized(shortLived);
        } finally {
            deleteClient(admin, internalId);
        }
    }

    @Test
    void aVerifiedTokenIsRememberedOnlyUntilItExpires() throws Exception {
        String admin = keycloakToken("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", env("MIAOPU_KEYCLOAK_ADMIN", "admin"), "password", env("MIAOPU_KEYCLOAK_ADMIN_PASSWORD", "admin")));
        String clientId = "conformance-remembered";
        String internalId = createShortLivedClient(admin, clientId, 5);
        try {
            String token = keycloakToken("miaopu", Map.of("grant_type", "client_credentials", "client_id", clientId,
                    "client_secret", clientId + "-secret"));
            long expiresAt = Tokens.claims(token).path("exp").asLong() * 1000;
            // verified once, then remembered: the next requests are not verified again
            given().auth().oauth2(token).when().get("/api/v1/progress").then().statusCode(not(401));
            assertTrue(verifiedTokens.find(token, System.currentTimeMillis() / 1000).isPresent());
            given().auth().oauth2(token).when().get("/api/v1/progress").then().statusCode(not(401));
            // a tampered copy is another string: verified, and refused
            unauthorized(Tokens.tampered(token));
            // past its expiry and the allowed skew, the remembered token is refused like any expired one
            long skew = ConfigProvider.getConfig().getValue("quarkus.oidc.token.lifespan-grace", Long.class);
            sleepUntil(expiresAt + (skew + 2) * 1000);
            unauthorized(token);
            assertFalse(verifiedTokens.find(token, System.currentTimeMillis() / 1000).isPresent());
        } finally {
            deleteClient(admin, internalId);
        }
    }

    @Test
    void aTokenSignedWithANewKeyIsVerifiedAfterKeycloakRotatesItsKeys() throws Exception {
        String admin = keycloakToken("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", env("MIAOPU_KEYCLOAK_ADMIN", "admin"), "password", env("MIAOPU_KEYCLOAK_ADMIN_PASSWORD", "admin")));
        String before = Tokens.user("clerk-dafo");
        given().auth().oauth2(before).when().get("/api/v1/progress").then().statusCode(503);
        String realmId = new ObjectMapper().readTree(admin(admin, "GET", "/admin/realms/miaopu", null).body()).path("id").asText();
        // a new RSA key of higher priority: Keycloak signs with it from now on
        HttpResponse<String> created = admin(admin, "POST", "/admin/realms/miaopu/components", "{\"name\":\"rotation-test\","
                + "\"providerId\":\"rsa-generated\",\"providerType\":\"org.keycloak.keys.KeyProvider\",\"parentId\":\"" + realmId
                + "\",\"config\":{\"priority\":[\"500\"],\"keySize\":[\"2048\"],\"enabled\":[\"true\"],\"active\":[\"true\"],"
                + "\"algorithm\":[\"RS256\"]}}");
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        try {
            String after = Tokens.user("clerk-dafo");
            JsonNode header = new ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(after.split("\\.")[0]));
            JsonNode oldHeader = new ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(before.split("\\.")[0]));
            assertFalse(header.path("kid").asText().equals(oldHeader.path("kid").asText()), "signed with the new key");
            // a key the gateway has not seen: it fetches the keys again and verifies (forwarded: 503)
            given().auth().oauth2(after).when().get("/api/v1/progress").then().statusCode(503);
        } finally {
            admin(admin, "DELETE", location.substring(location.indexOf("/admin/")), null);
        }
    }

    private static HttpResponse<String> admin(String token, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloakUrl() + path)).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    @Test
    void theRateLimitEngagesForOneClientWhileAnotherIsUnaffected() throws InterruptedException {
        // two clerks, one limit (burst 40 in this profile), a bucket each
        String spender = Tokens.of("clerk-tongjiang");
        int refused = 0;
        for (int n = 0; n < 45; n++) {
            refused += given().auth().oauth2(spender).when().get("/api/v1/organizations").statusCode() == 429 ? 1 : 0;
        }
        assertTrue(refused >= 4, "refused " + refused);
        given().auth().oauth2(spender).when().get("/api/v1/organizations").then().statusCode(429)
                .contentType("application/problem+json").body("type", equalTo("urn:miaopu:problem:too-many-requests"))
                .header("Retry-After", notNullValue()).header("RateLimit-Remaining", equalTo("0"))
                .header("RateLimit-Limit", equalTo("40")).header("RateLimit-Reset", notNullValue());
        given().auth().oauth2(Tokens.of("clerk-qingyi")).when().get("/api/v1/organizations").then()
                .statusCode(503).header("RateLimit-Limit", equalTo("40")).header("RateLimit-Remaining", equalTo("39"));
        // anonymous callers by address: 5 at once in this profile; the provincial platform's limit is larger
        List<Integer> statuses = new ArrayList<>();
        for (int n = 0; n < 7; n++) {
            statuses.add(given().header("X-Forwarded-For", "203.0.113." + n).when().get("/api/v1/public/organizations").statusCode());
        }
        assertTrue(statuses.contains(429), "a made-up X-Forwarded-For does not give a fresh bucket: " + statuses);
        // a caller without a token on a protected route spends from the same bucket
        given().when().get("/api/v1/organizations").then().statusCode(429);
        given().auth().oauth2(Tokens.of("province-platform")).when().get("/api/v1/organizations").then()
                .statusCode(503).header("RateLimit-Limit", equalTo("1000"));
        sleepUntil(System.currentTimeMillis() + 3_000); // the address's bucket full again for the other tests
    }

    @Test
    void aServiceThatKeepsFailingIsCutOffAtOnceWithRetryAfter() {
        String token = Tokens.of("city-admin");
        for (int n = 0; n < 6; n++) {
            given().auth().oauth2(token).when().get("/api/v1/training-ledger").then().statusCode(503);
        }
        // open: answered by the breaker without trying the service, Retry-After its remaining time (30 s in this profile)
        String retryAfter = given().auth().oauth2(token).when().get("/api/v1/training-ledger").then()
                .time(lessThan(1000L)).statusCode(503).body("type", equalTo("urn:miaopu:problem:upstream-unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("circuit open")).extract().header("Retry-After");
        int seconds = Integer.parseInt(retryAfter);
        assertTrue(seconds >= 1 && seconds <= 30, retryAfter);
    }

    @Test
    void corsAnswersTheConfiguredOriginsOnly() {
        given().header("Origin", "http://127.0.0.1:5173").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type,Idempotency-Key")
                .when().options("/api/v1/organizations").then()
                .statusCode(200).header("Access-Control-Allow-Origin", equalTo("http://127.0.0.1:5173"))
                .header("Access-Control-Allow-Credentials", equalTo("true")).header("X-Request-Id", notNullValue());
        // A browser app reads what it needs of an answer: the version, the id of the request, the limits, a replay.
        String exposed = given().header("Origin", "http://127.0.0.1:5173").when().get("/api/v1/public/organizations")
                .getHeader("Access-Control-Expose-Headers");
        for (String header : List.of("ETag", "Location", "X-Request-Id", "Retry-After", "RateLimit-Remaining", "Idempotent-Replayed")) {
            assertTrue(exposed != null && exposed.contains(header), header + " not exposed: " + exposed);
        }
        // another origin: refused as problem+json (preflight and request alike), without any CORS grant
        for (Response refused : List.of(
                given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                        .when().options("/api/v1/organizations"),
                given().header("Origin", "https://evil.example").when().get("/api/v1/public/organizations"))) {
            refused.then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:miaopu:problem:forbidden"))
                    .header("Access-Control-Allow-Origin", nullValue()).header("X-Request-Id", notNullValue());
        }
        // exactly the origin the realm's clerk-portal allows (deploy/keycloak/miaopu-realm.json): not localhost:5173,
        // which would pass one check and fail the other
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET")
                .when().options("/api/v1/organizations").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void securityHeadersAreOnEveryAnswer() {
        given().auth().oauth2(Tokens.of("exchange-reader")).when().get("/api/v1/registry/whoami").then().statusCode(403)
                .header("X-Content-Type-Options", equalTo("nosniff")).header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer")).header("Strict-Transport-Security", notNullValue())
                .header("Content-Security-Policy", equalTo("default-src 'none'; frame-ancestors 'none'"))
                .header("Server", nullValue());
    }

    @Test
    void theAccessLogIsOneJsonLinePerRequestWithoutTokensOrPersonalData() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger access = Logger.getLogger("miaopu.gateway.access");
        access.addHandler(capture);
        try {
            String requestId = "access-" + UUID.randomUUID();
            String token = Tokens.of("clerk-dafo");
            given().auth().oauth2(token).header("X-Request-Id", requestId).queryParam("leaderPhone", "13800001111")
                    .when().get("/api/v1/organizations").then().statusCode(503);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (lines.stream().noneMatch(l -> l.contains(requestId)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            String line = lines.stream().filter(l -> l.contains(requestId)).findFirst().orElseThrow();
            JsonNode json = new ObjectMapper().readTree(line);
            assertEquals("GET", json.path("method").asText());
            assertEquals("/api/v1/organizations", json.path("path").asText());
            assertEquals(503, json.path("status").asInt());
            assertEquals("registry", json.path("upstream").asText());
            assertEquals("clerk-portal", json.path("client").asText());
            assertTrue(json.has("durationMs"));
            assertFalse(line.contains(token.substring(0, 40)) || line.contains("13800001111") || line.contains("clerk-dafo"), line);
            // answers the gateway gives itself are logged too
            String refused = "access-" + UUID.randomUUID();
            given().header("X-Request-Id", refused).header("Authorization", "Bearer not-a-jwt").when().get("/api/v1/progress")
                    .then().statusCode(401);
            while (lines.stream().noneMatch(l -> l.contains(refused)) && System.nanoTime() < deadline + 5_000_000_000L) {
                Thread.sleep(50);
            }
            JsonNode unauthorized = new ObjectMapper().readTree(lines.stream().filter(l -> l.contains(refused)).findFirst().orElseThrow());
            assertEquals(401, unauthorized.path("status").asInt());
            assertFalse(lines.stream().anyMatch(l -> l.contains("not-a-jwt")), "never the token");
        } finally {
            access.removeHandler(capture);
        }
    }

    private static void unauthorized(String token) {
        given().auth().oauth2(token).when().get("/api/v1/progress").then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:miaopu:problem:unauthorized"));
    }

    private static String env(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }

    private static String keycloakUrl() {
        return ConfigProvider.getConfig().getValue("miaopu.keycloak.url", String.class);
    }

    private static String keycloakToken(String realm, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }

    /** A confidential client of the realm whose access tokens live one second, with the API's audience; its internal id. */
    private static String createShortLivedClient(String adminToken, String clientId) throws Exception {
        return createShortLivedClient(adminToken, clientId, 1);
    }

    /** The same, its tokens living {@code seconds}. */
    private static String createShortLivedClient(String adminToken, String clientId, int seconds) throws Exception {
        String existing = clientInternalId(adminToken, clientId);
        if (existing != null) {
            deleteClient(adminToken, existing);
        }
        String client = "{\"clientId\":\"" + clientId + "\",\"secret\":\"" + clientId + "-secret\",\"publicClient\":false,"
                + "\"serviceAccountsEnabled\":true,\"standardFlowEnabled\":false,\"attributes\":{\"access.token.lifespan\":\"" + seconds + "\"},"
                + "\"protocolMappers\":[{\"name\":\"audience miaopu-api\",\"protocol\":\"openid-connect\","
                + "\"protocolMapper\":\"oidc-audience-mapper\",\"config\":{\"included.custom.audience\":\"miaopu-api\","
                + "\"access.token.claim\":\"true\",\"id.token.claim\":\"false\"}}]}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloakUrl() + "/admin/realms/miaopu/clients"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return clientInternalId(adminToken, clientId);
    }

    private static String clientInternalId(String adminToken, String clientId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloakUrl() + "/admin/realms/miaopu/clients?clientId=" + clientId))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode found = new ObjectMapper().readTree(response.body());
        return found.isArray() && found.size() > 0 ? found.get(0).path("id").asText() : null;
    }

    /** The test's client leaves the shared realm again: no client with a known secret stays behind. */
    private static void deleteClient(String adminToken, String internalId) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloakUrl() + "/admin/realms/miaopu/clients/" + internalId))
                .header("Authorization", "Bearer " + adminToken).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }
}
