package io.miaopu.chassis.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * Applies a received event exactly once per consumer: the event id is claimed in the inbox table
 * in the same transaction as the event's effect, so a redelivered event changes nothing.
 * Poison (unparseable, unknown type, schema-invalid) fails at once, for the channel's dead-letter
 * queue; any other failure (database down...) is retried with backoff, holding the partition so
 * that order is kept.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final String CLAIM = "insert into inbox_event (consumer, event_id) values (:consumer, :id) "
            + "on conflict do nothing";

    private final EventSchemas schemas;
    private final Vertx vertx;
    private final MeterRegistry meters;

    public Inbox(EventSchemas schemas, Vertx vertx, MeterRegistry meters) {
        this.schemas = schemas;
        this.vertx = vertx;
        this.meters = meters;
    }

    /** For an {@code @Incoming} method: returns a Uni that completes when the record has been applied (or was a duplicate). */
    public Uni<Void> process(String consumer, ConsumerRecord<String, String> record,
                             Function<EventEnvelope, Uni<Void>> effect) {
        EventEnvelope event;
        try {
            event = read(record);
        } catch (PoisonEventException e) {
            LOG.warnf("Poison message on %s-%d@%d for %s: %s", record.topic(), record.partition(), record.offset(),
                    consumer, e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return retried(consumer, event.type() + " " + event.id(), () -> applyOnce(consumer, event, effect).replaceWithVoid())
                .invoke(() -> applied(consumer).increment());
    }

    /**
     * For a batch {@code @Incoming} method (channel attribute {@code batch=true}): applies every readable
     * event of the batch in one transaction, in order (one commit for hundreds of events is what lets a
     * projection keep up with a bulk import), retried like a single event. Should an event turn out to be
     * poison only when applied (its data unreadable to the projection), that transaction is rolled back
     * and the batch applied again one event per transaction, so that only the poison is set aside. Each
     * poison record is then nacked on its own (to the channel's dead-letter queue) and the batch acknowledged.
     */
    public Uni<Void> processBatch(String consumer, KafkaRecordBatch<String, String> batch,
                                  Function<EventEnvelope, Uni<Void>> effect) {
        Map<KafkaRecord<String, String>, EventEnvelope> readable = new LinkedHashMap<>();
        Map<KafkaRecord<String, String>, PoisonEventException> poison = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                readable.put(record, read(record.getKey(), record.getPayload(), record.getHeaders()));
            } catch (PoisonEventException e) {
                poison.put(record, poison(consumer, record, e));
            }
        }
        List<EventEnvelope> events = List.copyOf(readable.values());
        Uni<Void> applied = events.isEmpty() ? Uni.createFrom().voidItem()
                : retried(consumer, events.size() + " events", () -> applyInOrder(consumer, events, effect))
                        .invoke(() -> applied(consumer).increment(events.size()))
                        .onFailure(PoisonEventException.class).recoverWithUni(() -> Multi.createFrom().iterable(readable.entrySet())
                                .onItem().transformToUniAndConcatenate(one -> retried(consumer, one.getValue().type() + " "
                                                + one.getValue().id(), () -> applyOnce(consumer, one.getValue(), effect).replaceWithVoid())
                                        .invoke(() -> applied(consumer).increment())
                                        .onFailure(PoisonEventException.class).recoverWithUni(e -> {
                                            poison.put(one.getKey(), poison(consumer, one.getKey(), (PoisonEventException) e));
                                            return Uni.createFrom().voidItem();
                                        }))
                                .collect().last().replaceWithVoid());
        return applied
                .chain(() -> Multi.createFrom().iterable(poison.entrySet())
                        .onItem().transformToUniAndConcatenate(p -> Uni.createFrom().completionStage(p.getKey().nack(p.getValue())))
                        .collect().last())
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .replaceWithVoid();
    }

    /** One transaction, retried with backoff on any failure but poison (which fails at once). */
    private Uni<Void> retried(String consumer, String what, java.util.function.Supplier<Uni<Void>> work) {
        return SafeContext.run(vertx, () -> Panache.withTransaction(work))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .invoke(failure -> LOG.warnf("Applying %s for %s failed, will retry: %s", what, consumer, failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely();
    }

    private static PoisonEventException poison(String consumer, KafkaRecord<String, String> record, PoisonEventException e) {
        LOG.warnf("Poison message on %s-%d@%d for %s: %s", record.getTopic(), record.getPartition(),
                record instanceof IncomingKafkaRecord<?, ?> incoming ? incoming.getOffset() : -1, consumer, e.getMessage());
        return e;
    }

    /** The events one after another in the caller's transaction (a stream, not a nest of hundreds of operators). */
    private Uni<Void> applyInOrder(String consumer, List<EventEnvelope> events, Function<EventEnvelope, Uni<Void>> effect) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> applyOnce(consumer, event, effect))
                .collect().last().replaceWithVoid();
    }

    /** The envelope of a record, checked against its type's schema; poison otherwise. */
    public EventEnvelope read(ConsumerRecord<String, String> record) {
        return read(record.key(), record.value(), record.headers());
    }

    private EventEnvelope read(String key, String value, Headers headers) {
        EventEnvelope event = EventEnvelope.fromKafka(key, value, headers);
        schemas.validate(event.type(), event.data());
        return event;
    }

    /**
     * Claims the event for the consumer and applies it, in the caller's transaction; a claimed event
     * changes nothing. True when applied. (A replay that rebuilds projections uses it directly.)
     */
    public Uni<Boolean> applyOnce(String consumer, EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return claim(consumer, event.id()).chain(claimed -> {
            if (!claimed) {
                duplicates(consumer).increment();
                return Uni.createFrom().item(false);
            }
            return effect.apply(event).replaceWith(true);
        });
    }

    private Uni<Boolean> claim(String consumer, UUID eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM)
                .setParameter("consumer", consumer)
                .setParameter("id", eventId)
                .executeUpdate()).map(rows -> rows == 1);
    }

    private Counter duplicates(String consumer) {
        return Counter.builder("miaopu.inbox.duplicates").tag("consumer", consumer)
                .description("Redelivered events the inbox absorbed").register(meters);
    }

    private Counter applied(String consumer) {
        return Counter.builder("miaopu.inbox.applied").tag("consumer", consumer)
                .description("Events applied or absorbed by the inbox").register(meters);
    }
}
