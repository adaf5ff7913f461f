package io.miaopu.chassis.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.config.ServiceConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The only way an event leaves a service: {@link #append} writes it into the outbox table in the
 * caller's transaction, beside the change it announces; {@link OutboxRelay} publishes it after
 * commit. Call it inside a {@code @WithTransaction} chain, never on its own.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event "
            + "(id, topic, aggregate_id, type, source, occurred_at, payload) "
            + "values (:id, :topic, :aggregateId, :type, :source, :occurredAt, cast(cast(:payload as text) as jsonb))";

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
        String data;
        try {
            data = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event payload not serializable", e));
        }
        try {
            schemas.validate(eventType.type(), data);
        } catch (PoisonEventException e) {
            // A producer defect: never let an event that consumers would reject leave the service.
            return Uni.createFrom().failure(new IllegalStateException("event violates its own schema: " + e.getMessage()));
        }
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), source, eventType.type(), aggregateId,
                OffsetDateTime.now(ZoneOffset.UTC), data);
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", event.id())
                        .setParameter("topic", eventType.topic())
                        .setParameter("aggregateId", aggregateId)
                        .setParameter("type", event.type())
                        .setParameter("source", source)
                        .setParameter("occurredAt", event.time())
                        .setParameter("payload", data)
                        .executeUpdate())
                .replaceWith(event);
    }
}
