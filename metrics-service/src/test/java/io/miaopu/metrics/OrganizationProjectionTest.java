package io.miaopu.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.testing.ServiceDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry's organization events as the projection applies them, a batch at a time: whatever arrives
 * together, each organization ends at its newest version, an older version or a redelivery changes
 * nothing, the day of deregistration is the first one recorded, and the exchange feed gets one record
 * per change in order; progress read before the events is not served again after them.
 */
@QuarkusTest
class OrganizationProjectionTest {

    @BeforeEach
    void hierarchy() throws Exception {
        MetricsTestSupport.hierarchy();
    }

    @Test
    void eventsArrivingTogetherApplyInVersionOrderOncePerChange() throws Exception {
        UUID id = UUID.randomUUID();
        String community = "511102004001";
        EventEnvelope filed = state(id, "filed", "ACTIVE", 1, "2024-05-01T02:00:00Z");
        EventEnvelope deregistered = state(id, "status-changed", "DEREGISTERED", 2, "2024-05-06T02:00:00Z");
        EventEnvelope renamed = state(id, "updated", "DEREGISTERED", 3, "2024-07-08T02:00:00Z");
        EventEnvelope stale = state(id, "updated", "ACTIVE", 2, "2024-05-07T02:00:00Z");
        UUID staying = UUID.randomUUID();
        EventEnvelope registered = state(staying, "registered", "ACTIVE", 1, "2024-03-03T02:00:00Z");
        // The county's figures as read (and kept) before the events: they must not be served again once the events apply.
        long before = countyOrganizations(2024, "511102");
        try (KafkaProducer<String, String> producer = MetricsTestSupport.producer()) {
            // Sent without waiting, so that they reach the consumer in one poll; the same key keeps their order.
            for (EventEnvelope e : List.of(filed, deregistered, renamed, stale, deregistered, registered)) {
                MetricsTestSupport.send(producer, "registry", e);
            }
            producer.flush();
        }
        MetricsTestSupport.awaitApplied(List.of(filed.id(), deregistered.id(), renamed.id(), stale.id(), registered.id()), 120);
        // registered in 2024 and gone in 2024: not there at the end of 2024; the other one is
        assertEquals(before + 1, countyOrganizations(2024, "511102"));

        assertEquals(3, ServiceDatabase.count("select version from organization_projection where id = '" + id + "'"));
        assertEquals(1, ServiceDatabase.count("select count(*) from organization_projection where id = '" + id
                + "' and status = 'DEREGISTERED' and deregistered_on = date '2024-05-06' and community_code = '" + community + "'"));
        // One record per change, in version order; the stale event and the redelivery made none.
        assertEquals(3, ServiceDatabase.count("select count(*) from exchange_event where subject = '" + id + "'"));
        assertEquals(1, ServiceDatabase.count("select count(*) from (select array_agg((data->>'version')::int order by position) v "
                + "from exchange_event where subject = '" + id + "') a where v = array[1, 2, 3]"));
        // The tally the targets sum stays equal to the rows, whatever a batch did to them.
        assertEquals(0, ServiceDatabase.count("select (select coalesce(sum(organizations), 0) from community_tally) "
                + "- (select count(*) from organization_projection)"));
    }

    /** The county's organizations at the end of a year, urban and rural, as /progress/counties reports them. */
    private static long countyOrganizations(int year, String county) {
        JsonPath counties = given().auth().oauth2(Tokens.of("province-platform")).queryParam("year", year)
                .when().get("/api/v1/progress/counties").then().statusCode(200).extract().jsonPath();
        return counties.getLong("counties.find { it.code == '" + county + "' }.urban.organizations")
                + counties.getLong("counties.find { it.code == '" + county + "' }.rural.organizations");
    }

    private static EventEnvelope state(UUID id, String fact, String status, long version, String time) {
        return new EventEnvelope(UUID.randomUUID(), "/miaopu/registry", "io.miaopu.registry.organization." + fact + ".v1",
                id.toString(), OffsetDateTime.parse(time),
                MetricsTestSupport.organizationState(id, "511102004001", "FUNCTIONAL_SERVICE", "2024-03-03", status, version));
    }
}
