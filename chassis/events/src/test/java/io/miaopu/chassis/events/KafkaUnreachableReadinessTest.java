package io.miaopu.chassis.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.events.probe.ProbeWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness means "can serve requests" (issue 19): with no broker at all (a port nothing listens on),
 * the service starts, is started and ready, accepts writes into its outbox, and reports the broker and
 * the backlog as wellness data. (The real broker stopped and started again: OutboxRelayTest and the
 * system tests.)
 */
@QuarkusTest
@TestProfile(KafkaUnreachableReadinessTest.NoBroker.class)
class KafkaUnreachableReadinessTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1");
        }
    }

    @Inject
    ProbeWriter writer;

    @Test
    void readyAndWritingWhileKafkaIsUnreachable() throws Throwable {
        given().when().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));

        String key = TestSupport.runId() + "-nobroker";
        VertxContextSupport.subscribeAndAwait(() -> writer.record(key, 1));
        assertEquals(1, TestSupport.count("select count(*) from outbox_event where aggregate_id = ? and sent_at is null", key),
                "the write is accepted and waits in the outbox");
        TestSupport.await("the backlog and the broker in the wellness data", Duration.ofSeconds(20), () -> {
            var health = given().when().get("/q/health/well").then().extract().jsonPath();
            return "DOWN".equals(health.getString("checks.find { it.name == 'Kafka connection health check' }.status"))
                    && health.getLong("checks.find { it.name == 'Outbox relay' }.data.pending") >= 1;
        });
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(true, metrics.contains("miaopu_outbox_oldest_pending_age_seconds"), "the backlog's age as a metric");
        assertEquals(true, metrics.contains("miaopu_kafka_reachable 0.0"), "the broker's state as a metric");
    }
}
