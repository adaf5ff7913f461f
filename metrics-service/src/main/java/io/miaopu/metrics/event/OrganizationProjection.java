package io.miaopu.metrics.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.chassis.events.InboxConsumer;
import io.miaopu.metrics.exchange.ExchangeFeed;
import io.miaopu.registry.contract.RegistryEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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
public class OrganizationProjection implements InboxConsumer {

    public static final String CONSUMER = "organizations";

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    static final Set<String> STATE_EVENTS = RegistryEvents.ORGANIZATION_STATE_TYPES;

    /** The rows as they stand before a batch: their version and day of deregistration. */
    private static final String CURRENT = "select cast(id as text), version, cast(deregistered_on as text), "
            + "cast(first_recorded_at as text), cast(deregistration_recorded_at as text) from organization_projection "
            + "where id = any(cast(string_to_array(cast(:ids as text), ',') as uuid[]))";
    /** Each organization's newest state in the batch, in one statement; an older version never overwrites a newer one. */
    private static final String UPSERT = "insert into organization_projection "
            + "(id, community_code, category, management_class, registered_on, status, version, applied_at, deregistered_on, "
            + "first_recorded_at, deregistration_recorded_at) "
            + "select r.id, r.community_code, r.category, r.management_class, r.registered_on, r.status, r.version, now(), "
            + "r.deregistered_on, r.first_recorded_at, r.deregistration_recorded_at "
            + "from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(id uuid, community_code text, "
            + "category text, management_class text, registered_on date, status text, version bigint, deregistered_on date, "
            + "first_recorded_at timestamptz, deregistration_recorded_at timestamptz) "
            + "on conflict (id) do update set community_code = excluded.community_code, category = excluded.category, "
            + "management_class = excluded.management_class, registered_on = excluded.registered_on, "
            + "status = excluded.status, version = excluded.version, applied_at = now(), deregistered_on = excluded.deregistered_on, "
            + "deregistration_recorded_at = excluded.deregistration_recorded_at "
            + "where organization_projection.version < excluded.version";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String DEREGISTERED = "DEREGISTERED";

    /** What the targets read of an organization event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(UUID id, String communityCode, String category, String managementClass, LocalDate registeredOn, String status,
                 LocalDate statusEffectiveOn, long version) {
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
        return inbox.processBatch(this, batch);
    }

    /**
     * Applies events never applied before, in order, inside the caller's transaction, in a few statements
     * whatever their number: the newest version of each organization replaces its row (an event older than
     * the row changes nothing), and every event that changed a row goes out on the exchange feed, once per
     * event whoever applies it (the live consumer or a rebuild reaching an event first).
     */
    @Override
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        OffsetDateTime newest = null;
        List<EventEnvelope> changes = new ArrayList<>();
        List<State> states = new ArrayList<>();
        for (EventEnvelope event : events) {
            if (event.time() != null && (newest == null || event.time().isAfter(newest))) {
                newest = event.time();
            }
            if (STATE_EVENTS.contains(event.type())) {
                changes.add(event);
                states.add(event.dataAs(json, State.class));
            }
        }
        OffsetDateTime asOf = newest;
        if (changes.isEmpty()) {
            return ProjectionWrites.advanceClock(asOf);
        }
        String ids = String.join(",", states.stream().map(st -> st.id().toString()).distinct().toList());
        return Panache.getSession().chain(s -> s.createNativeQuery(CURRENT, Object[].class).setParameter("ids", ids).getResultList())
                .chain(current -> {
                    Map<UUID, Row> rows = new LinkedHashMap<>();
                    current.forEach(r -> rows.put(UUID.fromString((String) r[0]), new Row(null, ((Number) r[1]).longValue(),
                            r[2] == null ? null : LocalDate.parse((String) r[2]), (String) r[3], (String) r[4])));
                    Set<UUID> touched = new LinkedHashSet<>();
                    List<EventEnvelope> applied = new ArrayList<>();
                    for (int i = 0; i < changes.size(); i++) {
                        State state = states.get(i);
                        Row before = rows.get(state.id());
                        if (before != null && before.version() >= state.version()) {
                            continue; // older than what the row holds: changes nothing
                        }
                        // The day of deregistration is the status's effective day (registry's statusEffectiveOn; a correction
                        // moves it); events before effective days fall back to the first day recorded (the event's time, in
                        // China). Cleared if the status changes back.
                        EventEnvelope event = changes.get(i);
                        LocalDate deregisteredOn = !DEREGISTERED.equals(state.status()) ? null
                                : state.statusEffectiveOn() != null ? state.statusEffectiveOn()
                                : before != null && before.deregisteredOn() != null ? before.deregisteredOn() : day(event);
                        String recorded = recorded(event);
                        String firstRecorded = before != null && before.firstRecordedAt() != null ? before.firstRecordedAt() : recorded;
                        String deregistrationRecorded = deregisteredOn == null ? null
                                : before != null && deregisteredOn.equals(before.deregisteredOn()) && before.deregistrationRecordedAt() != null
                                ? before.deregistrationRecordedAt() : recorded;
                        rows.put(state.id(), new Row(state, state.version(), deregisteredOn, firstRecorded, deregistrationRecorded));
                        touched.add(state.id());
                        applied.add(changes.get(i));
                    }
                    if (applied.isEmpty()) {
                        return ProjectionWrites.advanceClock(asOf);
                    }
                    ArrayNode upserts = json.createArrayNode();
                    touched.forEach(id -> {
                        Row row = rows.get(id);
                        State st = row.state();
                        upserts.addObject().put("id", id.toString()).put("community_code", st.communityCode())
                                .put("category", st.category()).put("management_class", st.managementClass())
                                .put("registered_on", st.registeredOn() == null ? null : st.registeredOn().toString())
                                .put("status", st.status()).put("version", st.version())
                                .put("deregistered_on", row.deregisteredOn() == null ? null : row.deregisteredOn().toString())
                                .put("first_recorded_at", row.firstRecordedAt())
                                .put("deregistration_recorded_at", row.deregistrationRecordedAt());
                    });
                    return ProjectionWrites.execute(UPSERT, Map.of("rows", upserts.toString()))
                            .chain(() -> exchange.organizations(applied))
                            .chain(() -> ProjectionWrites.advanceClock(asOf));
                });
    }

    /**
     * A row as this batch leaves it: the state written (null when only read), its version, its day of deregistration,
     * when registry first recorded the organization and when it recorded the day of deregistration (what a drift of
     * an evaluation counts as late registrations and backdated status changes).
     */
    private record Row(State state, long version, LocalDate deregisteredOn, String firstRecordedAt, String deregistrationRecordedAt) {
    }

    /** When registry recorded the fact (the event's time; now for an event without one). */
    private static String recorded(EventEnvelope event) {
        return (event.time() == null ? OffsetDateTime.now() : event.time()).toString();
    }

    private static LocalDate day(EventEnvelope event) {
        return event.time() == null ? LocalDate.now(CHINA) : event.time().atZoneSameInstant(CHINA).toLocalDate();
    }
}
