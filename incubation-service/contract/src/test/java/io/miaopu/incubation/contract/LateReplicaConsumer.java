package io.miaopu.incubation.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A second replica of the hierarchy whose consumer "starts later": its channel is paused until a test resumes it. */
@ApplicationScoped
public class LateReplicaConsumer {

    private final Inbox inbox;
    private final DivisionReplica lateReplica;

    public LateReplicaConsumer(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.lateReplica = new DivisionReplica("division_replica_late", json);
    }

    @Incoming("divisions-late")
    public Uni<Void> consumeLate(ConsumerRecord<String, String> record) {
        return inbox.process("divisions-late", record, lateReplica::apply);
    }
}
