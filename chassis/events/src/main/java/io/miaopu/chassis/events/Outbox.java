package io.miaopu.chassis.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.miaopu.chassis.config.ServiceConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The only way an event leaves a service: {@link #append} writes it into the outbox table in the
 * caller's transaction, beside the change it announces; {@link OutboxRelay} publishes it after
 * commit. Call it inside a {@code @WithTransaction} chain, never on its own.
 */
@ApplicationScoped
public class Outbox {

    /** Many events in one statement, kept in the order given (their positions follow it). */
    private static final String INSERT = "insert into outbox_event (id, topic, aggregate_id, type, source, occurred_at, payload) "
            + "select r.id, r.topic, r.aggregate_id, r.type, r.source, r.occurred_at, r.payload "
            + "from rows from (jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as (id uuid, topic text, aggregate_id text, "
            + "type text, source text, occurred_at timestamptz, payload jsonb)) with ordinality "
            + "as r(id, topic, aggregate_id, type, source, occurred_at, payload, n) order by r.n";

    /** An event to append: its type, its aggregate (also its Kafka key) and its data. */
    public record Pending(EventType eventType, String aggregateId, Object payload) {
    }

    private final ObjectMapper json;
    private final EventSchemas schemas;
    private final String source;

    public Outbox(ObjectMapper json, EventSchemas schemas, ServiceConfig service) {
        this.json = json;
        this.schemas = schemas;
        this.source = "/miaopu/" + service.name();
    }

    /** Appends one event about {@code aggregateId} (also its Kafka key) to the current transaction. */
    public Uni<EventEnvelope> append(EventType eventType, String aggregateId, Object payload) {
        return appendAll(List.of(new Pending(eventType, aggregateId, payload))).map(events -> events.get(0));
    }

    /**
     * Appends events to the current transaction in one statement (an import chunk's hundreds of
     * events cost one round trip), in the order given.
     */
    public Uni<List<EventEnvelope>> appendAll(List<Pending> pending) {
        return appendAll(pending, null, null, null);
    }

    /**
     * As {@link #appendAll(List)}, with another insert sent in the same statement (a data-modifying
     * CTE): {@code insert} reads its rows from the JSON text bound as {@code :param}. This is how a
     * change's history row and its event cost one round trip ({@code io.miaopu.chassis.write.Writes}).
     */
    public Uni<List<EventEnvelope>> appendAll(List<Pending> pending, String insert, String param, String rowsJson) {
        if (pending.isEmpty() && insert == null) {
            return Uni.createFrom().item(List.of());
        }
        List<EventEnvelope> events = new ArrayList<>(pending.size());
        ArrayNode rows = json.createArrayNode();
        try {
            for (Pending p : pending) {
                String data = json.writeValueAsString(p.payload());
                schemas.validate(p.eventType().type(), data);
                // Microseconds: what PostgreSQL keeps, whichever way the time reaches it.
                EventEnvelope event = new EventEnvelope(UUID.randomUUID(), source, p.eventType().type(), p.aggregateId(),
                        OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), data);
                events.add(event);
                rows.addObject().put("id", event.id().toString()).put("topic", p.eventType().topic())
                        .put("aggregate_id", p.aggregateId()).put("type", event.type()).put("source", source)
                        .put("occurred_at", event.timestamp()).putRawValue("payload", new RawValue(data)); // as written: 1.00 stays 1.00
            }
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event payload not serializable", e));
        } catch (PoisonEventException e) {
            // A producer defect: never let an event that consumers would reject leave the service.
            return Uni.createFrom().failure(new IllegalStateException("event violates its own schema: " + e.getMessage()));
        }
        String sql = insert == null ? INSERT : pending.isEmpty() ? insert : "with other as (" + insert + ") " + INSERT;
        return Panache.getSession().chain(session -> {
                    var query = session.createNativeQuery(sql);
                    if (!pending.isEmpty()) {
                        query.setParameter("rows", rows.toString());
                    }
                    if (insert != null) {
                        query.setParameter(param, rowsJson);
                    }
                    return query.executeUpdate();
                })
                .replaceWith(events);
    }
}
