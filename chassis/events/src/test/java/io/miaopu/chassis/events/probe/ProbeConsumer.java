package io.miaopu.chassis.events.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.chassis.events.PoisonEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumers of the test application: a non-idempotent effect (a row per application), one by one and in batches. */
@ApplicationScoped
public class ProbeConsumer {

    private final Inbox inbox;
    private final ObjectMapper json;

    public ProbeConsumer(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    /** A test hook: the consumers refuse probes whose key ends with "!" while this is true (a rule to relax). */
    public static final java.util.concurrent.atomic.AtomicBoolean REFUSE_BANG = new java.util.concurrent.atomic.AtomicBoolean(true);

    /** The two probe consumers by name, for dead-letter replays. */
    @jakarta.enterprise.inject.Produces
    @jakarta.inject.Singleton
    io.miaopu.chassis.events.InboxConsumer probeConsumer() {
        return consumer("probe", "probe_effect");
    }

    @jakarta.enterprise.inject.Produces
    @jakarta.inject.Singleton
    io.miaopu.chassis.events.InboxConsumer probeBatchConsumer() {
        return consumer("probe-batch", "probe_batch_effect");
    }

    private io.miaopu.chassis.events.InboxConsumer consumer(String name, String table) {
        return new io.miaopu.chassis.events.InboxConsumer() {
            @Override
            public String consumerName() {
                return name;
            }

            @Override
            public Uni<Void> applyAll(java.util.List<EventEnvelope> events) {
                return Inbox.eachInOrder(event -> effect(event, table)).apply(events);
            }
        };
    }

    @Incoming("probe")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return inbox.process("probe", record, this::apply);
    }

    @Incoming("probe-batch")
    public Uni<Void> consumeBatch(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch("probe-batch", batch, Inbox.eachInOrder(event -> effect(event, "probe_batch_effect")));
    }

    private Uni<Void> apply(EventEnvelope event) {
        return effect(event, "probe_effect");
    }

    private Uni<Void> effect(EventEnvelope event, String table) {
        Probe probe;
        try {
            probe = event.dataAs(json, Probe.class);
        } catch (PoisonEventException e) {
            return Uni.createFrom().failure(e);
        }
        if (probe.key().endsWith("!") && REFUSE_BANG.get()) {
            // A probe its consumer cannot use though its envelope and schema are fine: poison found only when applied.
            return Uni.createFrom().failure(new PoisonEventException(PoisonEventException.Reason.UNPARSEABLE, "the probe refuses " + probe.key()));
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into " + table + " (key, seq, event_id) values (:key, :seq, :id)")
                .setParameter("key", probe.key()).setParameter("seq", probe.seq()).setParameter("id", event.id())
                .executeUpdate()).replaceWithVoid();
    }
}
