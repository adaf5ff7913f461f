package io.miaopu.chassis.events.divisions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.Inbox;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the replica of a service that sets {@code miaopu.divisions.replica.enabled=true} (registry,
 * metrics) and configures the channel {@code divisions} on miaopu.divisions.v1, read from the start.
 */
@ApplicationScoped
@IfBuildProperty(name = "miaopu.divisions.replica.enabled", stringValue = "true")
public class DivisionReplicaConsumer {

    public static final String TABLE = "division_replica";

    private final Inbox inbox;
    private final DivisionReplica replica;

    public DivisionReplicaConsumer(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.replica = new DivisionReplica(TABLE, json);
    }

    @Produces
    @ApplicationScoped
    DivisionReplica replica() {
        return replica;
    }

    @Incoming("divisions")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.process("divisions", record, replica::apply);
    }
}
