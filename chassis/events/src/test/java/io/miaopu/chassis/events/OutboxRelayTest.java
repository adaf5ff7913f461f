package io.miaopu.chassis.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.miaopu.chassis.events.probe.FaultyRelayHooks;
import io.miaopu.chassis.events.probe.ProbeWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox and its relay against the real PostgreSQL and a real Kafka broker that is stopped and started. */
@QuarkusTest
class OutboxRelayTest {

    private static final int KEYS = 20;
    private static final int PER_KEY = 50;

    @Inject
    ProbeWriter writer;

    @Test
    void thousandEventsWrittenWhileTheBrokerIsDownAllArriveInOrderPerKey() throws Throwable {
        String run = TestSupport.runId();
        TestSupport.broker("down");
        try {
            for (int seq = 1; seq <= PER_KEY; seq++) {
                for (int k = 0; k < KEYS; k++) {
                    String key = run + "-" + k;
                    int s = seq;
                    VertxContextSupport.subscribeAndAwait(() -> writer.record(key, s));
                }
            }
            assertEquals(KEYS * PER_KEY, TestSupport.count("select count(*) from outbox_event where aggregate_id like ? "
                    + "and sent_at is null", run + "-%"), "all 1,000 events wait in the outbox");
            // Readiness is the database alone: the pod stays in its Service while the broker is down (issue 19).
            given().when().get("/q/health/ready").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("UP"));
            TestSupport.await("the backlog in the wellness data", Duration.ofSeconds(15), () ->
                    given().when().get("/q/health/well").then().extract().jsonPath()
                            .getInt("checks.find { it.name == 'Outbox relay' }.data.pending") >= KEYS * PER_KEY);
        } finally {
            TestSupport.broker("up");
        }

        TestSupport.await("1,000 effects", Duration.ofSeconds(120), () -> TestSupport.count(
                "select count(*) from probe_effect where key like ?", run + "-%") >= KEYS * PER_KEY);
        TestSupport.sleep(500);
        assertEquals(KEYS * PER_KEY, TestSupport.count("select count(*) from probe_effect where key like ?", run + "-%"),
                "none lost, none applied twice");
        for (int k = 0; k < KEYS; k++) {
            List<Integer> order = TestSupport.query("select seq from probe_effect where key = ? order by received",
                    run + "-" + k).stream().map(row -> (Integer) row.get(0)).toList();
            for (int i = 0; i < PER_KEY; i++) {
                assertEquals(i + 1, order.get(i), "key " + k + " applied in the order written");
            }
        }
        assertEquals(0, TestSupport.count("select count(*) from outbox_event where aggregate_id like ? and sent_at is null",
                run + "-%"));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("miaopu_outbox_pending"));
    }

    @Test
    void crashBetweenPublishAndMarkSentRedeliversAndTheInboxAppliesOnce() throws Throwable {
        String key = TestSupport.runId() + "-crash";
        double duplicatesBefore = duplicates();
        FaultyRelayHooks.CRASHES_SIMULATED.set(0);
        FaultyRelayHooks.CRASHES_TO_SIMULATE.set(1);
        for (int seq = 1; seq <= 10; seq++) {
            int s = seq;
            VertxContextSupport.subscribeAndAwait(() -> writer.record(key, s));
        }
        TestSupport.await("10 effects", Duration.ofSeconds(60),
                () -> TestSupport.count("select count(*) from probe_effect where key = ?", key) >= 10);
        TestSupport.await("the outbox marked sent", Duration.ofSeconds(30),
                () -> TestSupport.count("select count(*) from outbox_event where aggregate_id = ? and sent_at is null", key) == 0);
        assertEquals(1, FaultyRelayHooks.CRASHES_SIMULATED.get(), "the crash happened");
        TestSupport.await("the redelivered events reach the inbox", Duration.ofSeconds(30), () -> duplicates() > duplicatesBefore);
        assertEquals(10, TestSupport.count("select count(*) from probe_effect where key = ?", key), "exactly once");
        assertEquals(10, TestSupport.count("select count(distinct event_id) from probe_effect where key = ?", key));
    }

    @Test
    void sentEventsArePurgedAfterTheRetention() throws Throwable {
        String key = TestSupport.runId() + "-purge";
        VertxContextSupport.subscribeAndAwait(() -> writer.record(key, 1));
        TestSupport.await("the event sent", Duration.ofSeconds(30), () -> TestSupport.count(
                "select count(*) from outbox_event where aggregate_id = ? and sent_at is not null", key) == 1);
        // retention 3 s, purge every 1 s in the test configuration
        TestSupport.await("the sent event purged", Duration.ofSeconds(15), () -> TestSupport.count(
                "select count(*) from outbox_event where aggregate_id = ?", key) == 0);
        assertEquals(1, TestSupport.count("select count(*) from probe_effect where key = ?", key), "delivered before purge");
    }

    @Test
    void inboxRowsOlderThanTheirRetentionArePurged() {
        java.util.UUID old = java.util.UUID.randomUUID();
        java.util.UUID recent = java.util.UUID.randomUUID();
        TestSupport.query("insert into inbox_event (consumer, event_id, processed_at) values "
                + "('probe', ?, now() - interval '2 days'), ('probe', ?, now()) returning 1", old, recent);
        // inbox retention 1 day, purge every second in the test configuration
        TestSupport.await("the old inbox row purged", Duration.ofSeconds(15),
                () -> TestSupport.count("select count(*) from inbox_event where event_id = ?", old) == 0);
        assertEquals(1, TestSupport.count("select count(*) from inbox_event where event_id = ?", recent));
    }

    @Test
    void aRolledBackChangeLeavesNoEvent() {
        String key = TestSupport.runId() + "-rollback";
        assertThrows(IllegalStateException.class,
                () -> VertxContextSupport.subscribeAndAwait(() -> writer.recordThenFail(key, 1)));
        assertEquals(0, TestSupport.count("select count(*) from outbox_event where aggregate_id = ?", key));
        assertEquals(0, TestSupport.count("select count(*) from probe_write where key = ?", key));
    }

    private static double duplicates() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("miaopu_inbox_duplicates_total") && l.contains("consumer=\"probe\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
