package io.miaopu.chassis.events.organizations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.Inbox;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the organization replica of a service that sets {@code miaopu.organizations.replica.enabled=true}
 * (incubation, training), creates {@code organization_replica} in its own migration and configures
 * the channel {@code organizations} on miaopu.registry.v1 with a group of its own and {@code batch=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = "miaopu.organizations.replica.enabled", stringValue = "true")
public class OrganizationReplicaConsumer {

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
        return inbox.processBatch("organizations", batch, replica::applyAll);
    }
}
