package io.miaopu.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bodies through the gateway, against a stub registry that records what reaches it: nothing of a
 * body is read before the caller is authenticated, admitted bodies and answers are streamed, the
 * route's limit is counted on chunked bodies too, a silent upload gets 408, invalid tokens are
 * metered per address, Location never carries the caller's Host, and health is not on the public port.
 */
@QuarkusTest
@TestProfile(GatewayStreamingTest.StubRegistry.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayStreamingTest {

    private static final int PORT = 18_996;
    private static final int MIB = 1024 * 1024;
    private static HttpServer stub;
    /** What reached the stub: one line per request, "METHOD path bytes complete|cut". */
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static volatile Map<String, String> lastHeaders = Map.of();
    private static final CountDownLatch releaseExport = new CountDownLatch(1);

    public static class StubRegistry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("miaopu.gateway.upstreams.registry.url", "http://127.0.0.1:" + PORT,
                    // three invalid tokens from an address, then 429 (refilled in 10 s)
                    "miaopu.gateway.rate-limits.invalid-token.burst", "3",
                    "miaopu.gateway.rate-limits.invalid-token.per-second", "0.1");
        }
    }

    @TestHTTPResource(value = "health/ready", management = true)
    URL managementHealth;

    @BeforeAll
    static void stubRegistry() {
        try {
            stub = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stub.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        // Reads the whole body and says how much it read; Location built from X-Forwarded-* as a Quarkus service does.
        stub.createContext("/api/v1/organizations", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
            lastHeaders = headers;
            long bytes = 0;
            boolean complete;
            try (InputStream body = exchange.getRequestBody()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    bytes += n;
                }
                complete = true;
            } catch (IOException cut) {
                complete = false;
            }
            String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + bytes + " "
                    + (complete ? "complete" : "cut");
            received.add(line);
            if (!complete) {
                exchange.close();
                return;
            }
            if (exchange.getRequestURI().getPath().endsWith("/export")) {
                export(exchange);
                return;
            }
            byte[] answer = ("{\"bytes\":" + bytes + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Location", headers.getOrDefault("X-Forwarded-Proto", "http") + "://"
                    + headers.getOrDefault("X-Forwarded-Host", headers.get("Host")) + "/api/v1/organizations/1");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        stub.start();
    }

    /** A chunked answer whose first part is sent at once and the rest only when the test has read that part. */
    private static void export(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("name\nfirst\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            releaseExport.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] row = "another row of the export\n".getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < 100_000; n++) {
            out.write(row);
        }
        out.close();
        exchange.close();
    }

    @AfterAll
    static void stop() {
        stub.stop(0);
    }

    @Test
    @Order(1)
    void anUnauthenticatedUploadIsRefusedBeforeItsBodyIsSent() throws Exception {
        // Headers only, the body held back: the answer must come without it (a gateway reading first would wait).
        for (String framing : List.of("Content-Length: " + (50 * MIB), "Transfer-Encoding: chunked")) {
            Raw answer = raw("POST /api/v1/organizations/imports HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                    + framing + "\r\n\r\n", null);
            assertEquals(401, answer.status, framing + ": " + answer);
            assertEquals("application/problem+json", answer.headers.get("content-type"), framing);
            assertTrue(answer.body.contains("urn:miaopu:problem:unauthorized"), answer.body);
        }
        // An invalid token: refused the same way, before any byte of the body
        Raw answer = raw("POST /api/v1/organizations/imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer not-a-jwt\r\n"
                + "Content-Length: " + (50 * MIB) + "\r\n\r\n", null);
        assertEquals(401, answer.status, answer.toString());
        assertTrue(received.stream().noneMatch(l -> l.contains("/imports")), "nothing forwarded: " + received);
    }

    @Test
    @Order(2)
    void aDeclaredBodyOverTheLimitIsAProblemAndOneUnderItStreamsThrough() throws Exception {
        String token = Tokens.of("clerk-dafo");
        // 70 MB declared on the 64 MiB route: refused at once (no body sent), as problem+json
        Raw refused = raw("POST /api/v1/organizations/imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: text/csv\r\nContent-Length: 70000000\r\n\r\n", null);
        assertEquals(413, refused.status, refused.toString());
        assertEquals("application/problem+json", refused.headers.get("content-type"));
        assertTrue(refused.body.contains("urn:miaopu:problem:payload-too-large") && refused.body.contains("67108864"), refused.body);
        // outside the API too: never Quarkus' bare 413
        Raw elsewhere = raw("POST /q/anything HTTP/1.1\r\nHost: x\r\nContent-Length: 70000000\r\n\r\n", null);
        assertEquals(413, elsewhere.status, elsewhere.toString());
        assertEquals("application/problem+json", elsewhere.headers.get("content-type"));
        // 20 MiB (above Quarkus' former 10 MiB guard) reaches the service whole
        byte[] body = new byte[20 * MIB];
        java.util.Arrays.fill(body, (byte) 'a');
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway("/api/v1/organizations/imports"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, accepted.statusCode(), accepted.body());
        assertEquals("{\"bytes\":" + (20 * MIB) + "}", accepted.body());
        // a client that waits for 100 Continue is told to go on once admitted, and one refused is never asked for its body
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> continued = http11.send(HttpRequest.newBuilder(gateway("/api/v1/organizations/imports")).expectContinue(true)
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[MIB])).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, continued.statusCode(), continued.body());
        assertEquals("{\"bytes\":" + MIB + "}", continued.body());
        // (a raw socket: the JDK 17 client waits forever when the answer to Expect is not 100): the first line is the 401
        Raw notContinued = raw("POST /api/v1/organizations/imports HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Type: text/csv\r\nContent-Length: " + MIB + "\r\n\r\n", null);
        assertEquals(401, notContinued.status, notContinued.toString());
    }

    @Test
    @Order(3)
    void aChunkedBodyOverTheRouteLimitIsAProblemAndNeverReachesTheServiceWhole() throws Exception {
        // 4096 bytes on /api/v1/organizations in this profile; a chunked body has no Content-Length to check
        byte[] body = new byte[64 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(gateway("/api/v1/organizations"))
                .header("Authorization", "Bearer " + Tokens.of("clerk-dafo")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        assertTrue(response.body().contains("urn:miaopu:problem:payload-too-large"), response.body());
        Thread.sleep(200); // let the stub note the cut request, if it saw one
        assertTrue(received.stream().filter(l -> l.startsWith("POST /api/v1/organizations ")).noneMatch(l -> l.endsWith("complete")),
                "the service never took a truncated body for a whole one: " + received);
    }

    @Test
    @Order(4)
    void aSilentUploadGets408() throws Exception {
        // 100 bytes announced, 10 sent, then silence (2 s allowed in this profile)
        Raw answer = raw("POST /api/v1/organizations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Tokens.of("clerk-dafo")
                + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":\"", null);
        assertEquals(408, answer.status, answer.toString());
        assertEquals("application/problem+json", answer.headers.get("content-type"));
        assertTrue(answer.body.contains("urn:miaopu:problem:request-timeout"), answer.body);
    }

    @Test
    @Order(5)
    void anAnswerIsStreamedAsTheServiceSendsIt() throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway("/api/v1/organizations/export"))
                .header("Authorization", "Bearer " + Tokens.of("clerk-dafo")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream body = response.body()) {
            // The service holds the rest back until we have read the first part: a gateway that buffered would never answer.
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    byte[] part = body.readNBytes("name\nfirst\n".length());
                    return new String(part, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            assertEquals("name\nfirst\n", first.get(20, TimeUnit.SECONDS));
            releaseExport.countDown();
            long rest = body.transferTo(OutputStream.nullOutputStream());
            assertEquals(100_000L * "another row of the export\n".length(), rest);
        } finally {
            releaseExport.countDown();
        }
        assertTrue(response.headers().firstValue("Content-Length").isEmpty(), "streamed in chunks");
    }

    @Test
    @Order(6)
    void locationNeverCarriesTheCallersHost() throws Exception {
        Raw answer = raw("POST /api/v1/organizations HTTP/1.1\r\nHost: evil.example\r\nX-Forwarded-Host: evil.example\r\n"
                + "Authorization: Bearer " + Tokens.of("clerk-dafo") + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\n\r\n{}", null);
        assertEquals(201, answer.status, answer.toString());
        assertEquals("https://api.miaopu.test/api/v1/organizations/1", answer.headers.get("location"));
        assertEquals("api.miaopu.test", lastHeaders.get("X-Forwarded-Host"));
        assertEquals("https", lastHeaders.get("X-Forwarded-Proto"));
    }

    @Test
    @Order(7)
    void healthIsOnTheManagementPortOnlyAndTheSwaggerUiStaysPublic() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:not-found"));
        given().when().get("/q/metrics").then().statusCode(404);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(managementHealth.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), managementHealth + ": " + health.body());
        assertFalse(managementHealth.getPort() == RestAssured.port, "another port");
        // the Swagger UI and the OpenAPI documents are for integrators: on the API's port
        given().when().get("/q/openapi").then().statusCode(200);
        given().when().get("/q/swagger-ui").then().statusCode(200);
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    @Order(100)
    void invalidTokensAreMeteredPerAddress() {
        // at most three invalid tokens in this profile (an earlier test may have spent one), then the address gets 429
        // before a signature is checked again
        String tampered = Tokens.tampered(Tokens.user("clerk-dafo"));
        int unauthorized = 0;
        int status = 401;
        for (int n = 0; n < 5 && status == 401; n++) {
            io.restassured.response.Response answer = given().auth().oauth2(tampered).when().get("/api/v1/organizations");
            answer.then().contentType("application/problem+json");
            status = answer.statusCode();
            unauthorized += status == 401 ? 1 : 0;
        }
        assertEquals(429, status);
        assertTrue(unauthorized >= 1 && unauthorized <= 3, "401 then 429: " + unauthorized);
        given().auth().oauth2("not-a-jwt-" + System.nanoTime()).when().get("/api/v1/organizations").then()
                .statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:too-many-requests")).header("Retry-After", notNullValue());
    }

    private static URI gateway(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }

    /** An answer read off a raw socket. */
    private record Raw(int status, Map<String, String> headers, String body) {
    }

    /** Sends exactly {@code head} (and {@code then}, if any) and reads one answer, without sending anything more. */
    private static Raw raw(String head, byte[] then) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            if (then != null) {
                out.write(then);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Map<String, String> headers = new TreeMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new Raw(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed after: " + line);
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
