package io.miaopu.metrics.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.metrics.exchange.ExchangeFeed;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Organizations as the targets count them, from registry's organization events, each applied once
 * (inbox): the newest version replaces the row, and the row's trigger keeps community_tally equal
 * to it. A change applied also goes out on the data-exchange feed.
 */
@ApplicationScoped
public class OrganizationProjection {

    public static final String CONSUMER = "organizations";

    static final Set<String> STATE_EVENTS = Set.of(
            "io.miaopu.registry.organization.registered.v1",
            "io.miaopu.registry.organization.filed.v1",
            "io.miaopu.registry.organization.updated.v1",
            "io.miaopu.registry.organization.status-changed.v1");

    /** The newest version wins; the day of deregistration is the first one recorded, cleared if the status changes back. */
    private static final String UPSERT = "insert into organization_projection "
            + "(id, community_code, category, management_class, registered_on, status, version, applied_at, deregistered_on) "
            + "values (:id, :community, :category, :class, :registeredOn, :status, :version, now(), :deregisteredOn) "
            + "on conflict (id) do update set community_code = excluded.community_code, category = excluded.category, "
            + "management_class = excluded.management_class, registered_on = excluded.registered_on, "
            + "status = excluded.status, version = excluded.version, applied_at = now(), "
            + "deregistered_on = case when excluded.status = 'DEREGISTERED' "
            + "then coalesce(organization_projection.deregistered_on, excluded.deregistered_on) end "
            + "where organization_projection.version < excluded.version";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** What the targets read of an organization event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(UUID id, String communityCode, String category, String managementClass, LocalDate registeredOn, String status,
                 long version) {
    }

    private final Inbox inbox;
    private final ObjectMapper json;
    private final ExchangeFeed exchange;

    public OrganizationProjection(Inbox inbox, ObjectMapper json, ExchangeFeed exchange) {
        this.inbox = inbox;
        this.json = json;
        this.exchange = exchange;
    }

    @Incoming("organizations")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(CONSUMER, batch, this::apply);
    }

    /**
     * Applies one event inside the caller's transaction. A change applied also goes out on the exchange
     * feed, once per event whoever applies it (the live consumer or a rebuild reaching an event first).
     */
    public Uni<Void> apply(EventEnvelope event) {
        if (!STATE_EVENTS.contains(event.type())) {
            return ProjectionWrites.advanceClock(event.time());
        }
        State state = event.dataAs(json, State.class);
        Map<String, Object> row = new HashMap<>();
        row.put("id", state.id());
        row.put("community", state.communityCode());
        row.put("category", state.category());
        row.put("class", state.managementClass());
        row.put("registeredOn", state.registeredOn());
        row.put("status", state.status());
        row.put("version", state.version());
        // The day the deregistration was recorded: the event's time, in China.
        row.put("deregisteredOn", "DEREGISTERED".equals(state.status())
                ? (event.time() == null ? LocalDate.now(CHINA) : event.time().atZoneSameInstant(CHINA).toLocalDate()) : null);
        return ProjectionWrites.execute(UPSERT, row)
                .chain(changed -> changed == 1 ? exchange.organization(event) : Uni.createFrom().voidItem())
                .chain(() -> ProjectionWrites.advanceClock(event.time()));
    }
}
