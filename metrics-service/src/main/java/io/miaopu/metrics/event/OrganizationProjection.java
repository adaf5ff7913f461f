package io.miaopu.metrics.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.Inbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Organizations as the targets count them, from registry's organization events, each applied once
 * (inbox) in the order published (one organization, one partition): the newest state replaces the row.
 */
@ApplicationScoped
public class OrganizationProjection {

    static final Set<String> STATE_EVENTS = Set.of(
            "io.miaopu.registry.organization.registered.v1",
            "io.miaopu.registry.organization.filed.v1",
            "io.miaopu.registry.organization.updated.v1",
            "io.miaopu.registry.organization.status-changed.v1");

    private static final String UPSERT = "insert into organization_projection "
            + "(id, community_code, category, management_class, registered_on, status, version, applied_at) "
            + "values (:id, :community, :category, :class, :registeredOn, :status, :version, now()) "
            + "on conflict (id) do update set community_code = excluded.community_code, category = excluded.category, "
            + "management_class = excluded.management_class, registered_on = excluded.registered_on, "
            + "status = excluded.status, version = excluded.version, applied_at = now()";
    private static final String CLOCK = "insert into projection_clock (name, event_time) values ('events', :time) "
            + "on conflict (name) do update set event_time = greatest(projection_clock.event_time, excluded.event_time)";

    /** What the targets read of an organization event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(UUID id, String communityCode, String category, String managementClass, LocalDate registeredOn, String status,
                 long version) {
    }

    private final Inbox inbox;
    private final ObjectMapper json;

    public OrganizationProjection(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("organizations")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.process("organizations", record, this::apply);
    }

    Uni<Void> apply(EventEnvelope event) {
        if (!STATE_EVENTS.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        State state = event.dataAs(json, State.class);
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter("id", state.id())
                        .setParameter("community", state.communityCode())
                        .setParameter("category", state.category())
                        .setParameter("class", state.managementClass())
                        .setParameter("registeredOn", state.registeredOn())
                        .setParameter("status", state.status())
                        .setParameter("version", state.version())
                        .executeUpdate())
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(CLOCK)
                        .setParameter("time", event.time()).executeUpdate()))
                .replaceWithVoid();
    }
}
