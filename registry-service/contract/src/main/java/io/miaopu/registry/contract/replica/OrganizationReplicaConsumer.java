package io.miaopu.registry.contract.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.chassis.events.InboxConsumer;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the organization replica of a service that sets {@code miaopu.organizations.replica.enabled=true}
 * (incubation, training), creates {@code organization_replica} in its own migration and configures
 * the channel {@code organizations} on miaopu.registry.v1 with a group of its own and {@code batch=true}.
 * No inbox claims: the replica keeps each organization's highest version by itself.
 */
@ApplicationScoped
@IfBuildProperty(name = "miaopu.organizations.replica.enabled", stringValue = "true")
public class OrganizationReplicaConsumer implements InboxConsumer {

    private final Inbox inbox;
    private final OrganizationReplica replica;

    public OrganizationReplicaConsumer(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.replica = new OrganizationReplica(json);
    }

    @Produces
    @ApplicationScoped
    OrganizationReplica replica() {
        return replica;
    }

    @Incoming("organizations")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(this, batch);
    }

    @Override
    public String consumerName() {
        return "organizations";
    }

    @Override
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        return replica.applyAll(events);
    }

    @Override
    public boolean claims() {
        return false;
    }
}
