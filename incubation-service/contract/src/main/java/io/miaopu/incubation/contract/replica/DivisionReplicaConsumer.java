package io.miaopu.incubation.contract.replica;

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
 * Keeps the replica of a service that sets {@code miaopu.divisions.replica.enabled=true} (registry,
 * metrics, training) and configures the channel {@code divisions} on miaopu.divisions.v1, read from the start,
 * with {@code batch=true}: the replay at every start applies hundreds of events per statement. No inbox
 * claims: the replica keeps each division's newest state by itself (see {@link DivisionReplica}), so a
 * replay converges whatever the inbox remembers.
 */
@ApplicationScoped
@IfBuildProperty(name = "miaopu.divisions.replica.enabled", stringValue = "true")
public class DivisionReplicaConsumer implements InboxConsumer {

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
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(this, batch);
    }

    @Override
    public String consumerName() {
        return "divisions";
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
