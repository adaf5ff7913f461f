package io.miaopu.training;

import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO;
import static io.miaopu.incubation.contract.testing.DivisionFixtures.DAFO_URBAN;
import static io.miaopu.training.TrainingTestSupport.SESSIONS;
import static io.miaopu.training.TrainingTestSupport.TRAINEES;
import static io.miaopu.training.TrainingTestSupport.create;
import static io.miaopu.training.TrainingTestSupport.phone;
import static io.miaopu.training.TrainingTestSupport.session;
import static io.miaopu.training.TrainingTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.incubation.contract.testing.DivisionFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: sign-in sheets are read before any transaction or lock, and waiting for the sheets' lock
 * never holds a connection: with another sheet holding it, twenty uploads do not pin the pool (twenty
 * connections) and every other endpoint still answers; the uploads end 503 busy with Retry-After.
 */
@QuarkusTest
class SheetConcurrencyTest {

    /** A request that waits forever fails here instead of hanging the build. */
    private static final RestAssuredConfig BOUNDED = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", 60_000).setParam("http.connection.timeout", 10_000));

    @BeforeEach
    void hierarchy() throws Exception {
        DivisionFixtures.sample();
    }

    @Test
    void aSheetIsReadBeforeTheSessionIsLockedAndAWaitForTheLockIsBounded() throws Exception {
        String session = create("clerk-dafo", SESSIONS, session(DAFO, "2025-05-06", "DEMONSTRATION"));
        try (Connection db = connect()) {
            db.setAutoCommit(false);
            // Another transaction holds the session's row (as a long single attendance would).
            db.createStatement().execute("select id from training_session where id = '" + session + "' for update");
            StringBuilder big = new StringBuilder("name,phone,role,divisionCode\r\n");
            for (int i = 0; i < 2_001; i++) {
                big.append("学员").append(i).append(',').append(phone()).append(",VOLUNTEER,").append(DAFO_URBAN).append("\r\n");
            }
            // Read and refused without waiting for the session: the sheet is parsed before any transaction.
            upload(session, big.toString()).statusCode(400).body("errors[0].field", equalTo("body"));
            // A good sheet waits for the session's lock a bounded time, then is told to retry; nothing written.
            upload(session, sheet(3)).statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("type", equalTo("urn:miaopu:problem:busy"));
            db.rollback();
        }
        upload(session, sheet(3)).statusCode(200).body("recorded", equalTo(3));
    }

    @Test
    void twentyConcurrentSheetsWaitingForTheSheetsLockLeaveThePoolFree() throws Exception {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sessions.add(create("clerk-dafo", SESSIONS, session(DAFO, "2025-05-07", "DEMONSTRATION")));
        }
        String token = token("clerk-dafo");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Connection db = connect()) {
            // Another sheet (here: this test) holds the sheets' lock.
            db.createStatement().execute("select pg_advisory_lock(hashtextextended('trainee-sheets', 11))");
            List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
            for (String session : sessions) {
                uploads.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base() + SESSIONS + "/" + session + "/attendances/uploads"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=UTF-8")
                        .timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofString(sheet(2), StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(1_000);   // let the uploads reach the lock
            // Meanwhile every other endpoint answers (each needs a connection of the pool).
            for (int i = 0; i < 5; i++) {
                given().config(BOUNDED).auth().oauth2(token).when().get(TRAINEES).then().statusCode(200);
                given().config(BOUNDED).auth().oauth2(token).when().get(SESSIONS + "/" + sessions.get(i)).then().statusCode(200);
            }
            assertTrue(uploads.stream().anyMatch(u -> !u.isDone()), "the uploads were still waiting while the others answered");
            for (CompletableFuture<HttpResponse<String>> upload : uploads) {
                HttpResponse<String> answer = upload.get();
                assertEquals(503, answer.statusCode(), answer.body());
                assertTrue(answer.headers().firstValue("Retry-After").isPresent());
                assertTrue(answer.body().contains("urn:miaopu:problem:busy"), answer.body());
            }
            db.createStatement().execute("select pg_advisory_unlock(hashtextextended('trainee-sheets', 11))");
        }
        for (String session : sessions.subList(0, 3)) {
            upload(session, sheet(2)).statusCode(200).body("recorded", equalTo(2));
        }
        given().auth().oauth2(token).when().get(SESSIONS + "/" + sessions.get(5)).then().body("personTimes", equalTo(0));
    }

    private static String sheet(int rows) {
        StringBuilder sheet = new StringBuilder("name,phone,role,divisionCode\r\n");
        for (int i = 0; i < rows; i++) {
            sheet.append("并发").append(i).append(',').append(phone()).append(",VOLUNTEER,").append(DAFO_URBAN).append("\r\n");
        }
        return sheet.toString();
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    private static Connection connect() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    private static ValidatableResponse upload(String session, String sheet) {
        return given().config(BOUNDED).auth().oauth2(token("clerk-dafo")).contentType("text/csv; charset=UTF-8")
                .body(sheet.getBytes(StandardCharsets.UTF_8))
                .when().post(SESSIONS + "/" + session + "/attendances/uploads").then();
    }
}
