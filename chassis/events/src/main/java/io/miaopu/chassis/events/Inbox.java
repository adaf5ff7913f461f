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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * Applies a received event exactly once per consumer: the event id is claimed in the inbox table
 * in the same transaction as the event's effect, so a redelivered event changes nothing.
 * Poison (unparseable, unknown type, schema-invalid) fails at once: it is kept as a dead letter
 * ({@link DeadLetters}: logged, counted, listed, replayable) and goes to the channel's dead-letter
 * topic; any other failure (database down...) is retried with backoff, holding the partition so
 * that order is kept.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    /** Claims many events in one statement; the ids it returns were not claimed before. */
    private static final String CLAIM = "insert into inbox_event (consumer, event_id) "
            + "select :consumer, id from unnest(cast(string_to_array(cast(:ids as text), ',') as uuid[])) as id "
            // in one order whoever claims: two instances claiming overlapping batches never deadlock
            + "order by id on conflict do nothing returning cast(event_id as text)";

    private final EventSchemas schemas;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final DeadLetters deadLetters;

    public Inbox(EventSchemas schemas, Vertx vertx, MeterRegistry meters, DeadLetters deadLetters) {
        this.schemas = schemas;
        this.vertx = vertx;
        this.meters = meters;
        this.deadLetters = deadLetters;
    }

    /** For an {@code @Incoming} method: returns a Uni that completes when the record has been applied (or was a duplicate). */
    public Uni<Void> process(String consumer, ConsumerRecord<String, String> record,
                             Function<EventEnvelope, Uni<Void>> effect) {
        EventEnvelope event;
        try {
            event = read(record);
        } catch (PoisonEventException e) {
            return deadLetter(consumer, record, e);
        }
        return retried(consumer, event.type() + " " + event.id(), () -> applyOnce(consumer, event, effect).replaceWithVoid())
                .invoke(() -> applied(consumer).increment())
                .onFailure(PoisonEventException.class).recoverWithUni(e -> deadLetter(consumer, record, (PoisonEventException) e));
    }

    /** Keeps the dead letter, then fails with the poison: the channel's failure strategy puts the record on its dead-letter topic. */
    private Uni<Void> deadLetter(String consumer, ConsumerRecord<String, String> record, PoisonEventException e) {
        return deadLetters.record(consumer, record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), e).chain(() -> Uni.createFrom().failure(e));
    }

    /** {@link #processBatch(String, KafkaRecordBatch, Function)} for a consumer that says its name, its effect and whether it claims. */
    public Uni<Void> processBatch(InboxConsumer consumer, KafkaRecordBatch<String, String> batch) {
        return processBatch(consumer.consumerName(), batch, consumer.claims(), consumer::applyAll);
    }

    /**
     * For a batch {@code @Incoming} method (channel attribute {@code batch=true}): claims every readable
     * event of the batch in one statement and hands the ones never applied before, in order, to
     * {@code effect} in the same transaction (one commit and a few statements for hundreds of events is
     * what lets a projection keep up with a bulk import; {@link #eachInOrder} adapts a per-event
     * effect), retried like a single event. Should an event turn out to be
     * poison only when applied (its data unreadable to the projection), that transaction is rolled back
     * and the batch applied again one event per transaction, so that only the poison is set aside. Each
     * poison record is then nacked on its own (to the channel's dead-letter queue) and the batch acknowledged.
     */
    public Uni<Void> processBatch(String consumer, KafkaRecordBatch<String, String> batch,
                                  Function<List<EventEnvelope>, Uni<Void>> effect) {
        return processBatch(consumer, batch, true, effect);
    }

    /**
     * As above; with {@code claims} false the events are handed to the effect whether or not they were
     * seen before, without claims (event-carried state whose effect keeps the newest state by itself: see
     * {@link InboxConsumer#claims()}). Every poison record is kept as a dead letter ({@link DeadLetters})
     * before it is nacked.
     */
    public Uni<Void> processBatch(String consumer, KafkaRecordBatch<String, String> batch, boolean claims,
                                  Function<List<EventEnvelope>, Uni<Void>> effect) {
        java.util.function.Function<List<EventEnvelope>, Uni<Void>> apply = claims
                ? list -> applyAll(consumer, list, effect).replaceWithVoid()
                : list -> effect.apply(list);
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
                : retried(consumer, events.size() + " events", () -> apply.apply(events))
                        .invoke(() -> applied(consumer).increment(events.size()))
                        .onFailure(PoisonEventException.class).recoverWithUni(() -> Multi.createFrom().iterable(readable.entrySet())
                                .onItem().transformToUniAndConcatenate(one -> retried(consumer, one.getValue().type() + " "
                                                + one.getValue().id(), () -> apply.apply(List.of(one.getValue())))
                                        .invoke(() -> applied(consumer).increment())
                                        .onFailure(PoisonEventException.class).recoverWithUni(e -> {
                                            poison.put(one.getKey(), poison(consumer, one.getKey(), (PoisonEventException) e));
                                            return Uni.createFrom().voidItem();
                                        }))
                                .collect().last().replaceWithVoid());
        return applied
                .chain(() -> Multi.createFrom().iterable(poison.entrySet())
                        .onItem().transformToUniAndConcatenate(p -> deadLetters.record(consumer, p.getKey().getTopic(),
                                        p.getKey().getPartition(), offset(p.getKey()), p.getKey().getKey(), p.getKey().getPayload(),
                                        p.getKey().getHeaders(), p.getValue())
                                .chain(() -> Uni.createFrom().completionStage(p.getKey().nack(p.getValue()))))
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
        LOG.warnf("Poison message on %s-%d@%d for %s: %s", record.getTopic(), record.getPartition(), offset(record),
                consumer, e.getMessage());
        return e;
    }

    private static long offset(KafkaRecord<String, String> record) {
        return record instanceof IncomingKafkaRecord<?, ?> incoming ? incoming.getOffset() : -1;
    }

    /**
     * Applies a dead letter's record to its consumer, in the caller's transaction: validated again, then
     * claimed and applied once (a claiming consumer: already applied, it changes nothing) or handed to a
     * converging effect. The events applied (empty: it had been applied before). Poison still: {@link PoisonEventException}.
     */
    public Uni<List<EventEnvelope>> replay(InboxConsumer consumer, String key, String value, Headers headers) {
        EventEnvelope event = read(key, value, headers);
        return consumer.claims() ? applyAll(consumer.consumerName(), List.of(event), consumer::applyAll)
                : consumer.applyAll(List.of(event)).replaceWith(List.of(event));
    }

    /**
     * A per-event effect as a batch effect: the events one after another in the caller's transaction
     * (a stream, not a nest of hundreds of operators).
     */
    public static Function<List<EventEnvelope>, Uni<Void>> eachInOrder(Function<EventEnvelope, Uni<Void>> effect) {
        return events -> Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(event -> effect.apply(event))
                .collect().last().replaceWithVoid();
    }

    /** The envelope of a record, checked against its type's schema; poison otherwise. */
    public EventEnvelope read(ConsumerRecord<String, String> record) {
        return read(record.key(), record.value(), record.headers());
    }

    EventEnvelope read(String key, String value, Headers headers) {
        EventEnvelope event = EventEnvelope.fromKafka(key, value, headers);
        // A tolerant reader: a field added by a newer producer is ignored, not a dead letter.
        schemas.validateReceived(event.type(), event.data());
        return event;
    }

    /**
     * Claims the event for the consumer and applies it, in the caller's transaction; a claimed event
     * changes nothing. True when applied. (A replay that rebuilds projections uses it directly.)
     */
    public Uni<Boolean> applyOnce(String consumer, EventEnvelope event, Function<EventEnvelope, Uni<Void>> effect) {
        return applyAll(consumer, List.of(event), eachInOrder(effect)).map(applied -> !applied.isEmpty());
    }

    /**
     * Claims the events for the consumer in one statement and applies those never claimed before (an
     * event twice in the list counts once), in order, in the caller's transaction; the events applied.
     * (A replay that rebuilds projections uses it directly.)
     */
    public Uni<List<EventEnvelope>> applyAll(String consumer, List<EventEnvelope> events,
                                             Function<List<EventEnvelope>, Uni<Void>> effect) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String ids = String.join(",", events.stream().map(e -> e.id().toString()).toList());
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM, String.class)
                .setParameter("consumer", consumer)
                .setParameter("ids", ids)
                .getResultList()).chain(claimed -> {
                    Set<String> fresh = new HashSet<>(claimed);
                    List<EventEnvelope> toApply = new ArrayList<>(fresh.size());
                    for (EventEnvelope event : events) {
                        if (fresh.remove(event.id().toString())) {
                            toApply.add(event);
                        }
                    }
                    if (toApply.size() < events.size()) {
                        duplicates(consumer).increment(events.size() - toApply.size());
                    }
                    return toApply.isEmpty() ? Uni.createFrom().item(List.<EventEnvelope>of())
                            : effect.apply(List.copyOf(toApply)).replaceWith(List.copyOf(toApply));
                });
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
