package io.miaopu.incubation.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.chassis.events.PoisonEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps organization_replica from registry-service's events, so that incubation can refuse a
 * structure naming an unknown or deregistered organization without calling registry. Events of one
 * organization arrive in publication order (keyed by its id), so each simply replaces the row.
 */
@ApplicationScoped
public class OrganizationEventsConsumer {

    static final Set<String> ORGANIZATION_STATE_EVENTS = Set.of(
            "io.miaopu.registry.organization.registered.v1",
            "io.miaopu.registry.organization.filed.v1",
            "io.miaopu.registry.organization.status-changed.v1");

    private static final String UPSERT = "insert into organization_replica (id, name, community_code, status, version, updated_at) "
            + "values (:id, :name, :community, :status, :version, now()) on conflict (id) do update set "
            + "name = excluded.name, community_code = excluded.community_code, status = excluded.status, "
            + "version = excluded.version, updated_at = now()";

    private final Inbox inbox;
    private final ObjectMapper json;

    public OrganizationEventsConsumer(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("organizations")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.process("organizations", record, this::apply);
    }

    private Uni<Void> apply(EventEnvelope event) {
        if (!ORGANIZATION_STATE_EVENTS.contains(event.type())) {
            return Uni.createFrom().voidItem(); // other registry facts do not concern incubation
        }
        OrganizationState state;
        try {
            state = json.readValue(event.data(), OrganizationState.class);
        } catch (IOException e) {
            throw new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE, e.getMessage());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("id", state.id())
                .setParameter("name", state.name())
                .setParameter("community", state.communityCode())
                .setParameter("status", state.status())
                .setParameter("version", state.version())
                .executeUpdate()).replaceWithVoid();
    }
}
