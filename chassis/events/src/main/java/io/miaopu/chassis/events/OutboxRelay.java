package io.miaopu.chassis.events;

import io.miaopu.chassis.config.ServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox events to Kafka: oldest first, one batch at a time, waiting for the
 * broker's acknowledgement of every record before marking the batch sent. At least once: a crash
 * between acknowledgement and marking republishes the batch, and consumers' inboxes absorb it.
 * Order per aggregate holds because a batch is published in position order as one Kafka
 * transaction (consumers read committed records only) and only one relay per database works at a
 * time (advisory lock), so several instances of a service can run.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory lock that elects the one relay working on this database. */
    private static final long RELAY_LOCK = 0x6d69616f70754cL;

    private static final String SELECT_BATCH = "select position, id, topic, aggregate_id, type, source, occurred_at, "
            + "payload::text as payload from outbox_event where sent_at is null order by position limit $1";
    private static final String MARK_SENT = "update outbox_event set sent_at = now() where position = any($1)";
    private static final String BACKLOG = "select count(*) as pending, "
            + "coalesce(extract(epoch from now() - min(created_at)), 0) as oldest from outbox_event where sent_at is null";
    private static final String PURGE = "delete from outbox_event where sent_at < now() - make_interval(secs => $1)";
    private static final String PURGE_INBOX = "delete from inbox_event where processed_at < now() - make_interval(secs => $1)";

    private final Vertx vertx;
    private final Pool pool;
    private final EventsConfig.Relay config;
    private final EventsConfig events;
    private final RelayHooks hooks;
    private final String bootstrapServers;
    private final String transactionalId;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final Counter published;
    private volatile String lastError;
    private volatile boolean stopped;
    private volatile long backoffMillis;

    private KafkaProducer<String, String> producer;
    private ExecutorService sender;

    public OutboxRelay(Vertx vertx, Pool pool, EventsConfig config, RelayHooks hooks, MeterRegistry meters,
                       ServiceConfig service, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "miaopu.db.name") Optional<String> databaseName) {
        this.vertx = vertx;
        this.pool = pool;
        this.config = config.relay();
        this.events = config;
        this.hooks = hooks;
        this.bootstrapServers = bootstrapServers;
        // One id per service and database (the outbox it drains): whichever instance publishes (the
        // advisory lock elects it) fences any earlier producer with this id, so a stalled instance's
        // late commit is refused, and a restarted service aborts the transaction its predecessor left open.
        this.transactionalId = "outbox-relay-" + service.name() + databaseName.map(db -> "-" + db).orElse("");
        Gauge.builder("miaopu.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet acknowledged by Kafka").register(meters);
        Gauge.builder("miaopu.outbox.oldest.pending.age", oldestPendingMillis, v -> v.get() / 1000.0)
                .baseUnit("seconds").description("Age of the oldest unsent outbox event").register(meters);
        this.published = Counter.builder("miaopu.outbox.published").description("Outbox events published")
                .register(meters);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox relay disabled (miaopu.events.relay.enabled=false)");
            return;
        }
        // Kafka producer calls block (metadata, commit): never on the event loop, always on this thread.
        sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay-sender");
            t.setDaemon(true);
            return t;
        });
        Context context = vertx.getOrCreateContext();
        context.runOnContext(() -> loop(context));
        // Backlog and purge on their own clock: they must stay current while the broker is down.
        vertx.setPeriodic(config.statsInterval().toMillis(), id -> refreshStats());
        vertx.setPeriodic(config.purgeInterval().toMillis(), id -> purge());
        LOG.infof("Outbox relay started (batch %d, poll %s, transactional id %s)", config.batchSize(),
                config.pollInterval(), transactionalId);
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = KafkaClients.connection(bootstrapServers);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30000);
            props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId + "-" + UUID.randomUUID().toString().substring(0, 8));
            KafkaProducer<String, String> created = new KafkaProducer<>(props);
            try {
                // Also aborts whatever an earlier producer with this id left open.
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw e;
            }
            producer = created;
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (sender != null) {
            sender.submit(this::discardProducer);
            sender.shutdown();
        }
    }

    public long pending() {
        return pending.get();
    }

    public long oldestPendingMillis() {
        return oldestPendingMillis.get();
    }

    public String lastError() {
        return lastError;
    }

    private void loop(Context context) {
        if (stopped) {
            return;
        }
        relayOnce(context)
                .subscribe().with(count -> {
                    backoffMillis = 0;
                    lastError = null;
                    schedule(context, count >= config.batchSize() ? 0 : config.pollInterval().toMillis());
                }, failure -> {
                    backoffMillis = Math.min(config.maxBackoff().toMillis(), Math.max(100, backoffMillis * 2));
                    if (!String.valueOf(failure).equals(lastError)) {
                        LOG.warnf("Outbox relay cannot publish now (retrying every %d ms at most): %s",
                                config.maxBackoff().toMillis(), failure);
                    }
                    lastError = String.valueOf(failure);
                    schedule(context, backoffMillis);
                });
    }

    private void schedule(Context context, long delayMillis) {
        if (stopped) {
            return;
        }
        if (delayMillis <= 0) {
            context.runOnContext(() -> loop(context));
        } else {
            vertx.setTimer(delayMillis, id -> context.runOnContext(() -> loop(context)));
        }
    }

    /** One batch in one transaction: elect, read, publish and await acks, mark sent. */
    private Uni<Integer> relayOnce(Context context) {
        return pool.withTransaction(connection -> connection.query("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")
                .execute()
                .chain(lock -> lock.iterator().next().getBoolean(0)
                        ? publishBatch(connection, context) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishBatch(SqlConnection connection, Context context) {
        return connection.preparedQuery(SELECT_BATCH).execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<ProducerRecord<String, String>> records = new ArrayList<>(rows.size());
                    List<Long> positions = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        positions.add(row.getLong("position"));
                        records.add(toRecord(row));
                    }
                    return send(records)
                            .emitOn(command -> context.runOnContext(command))
                            .chain(() -> hooks.afterPublish(positions))
                            .chain(() -> connection.preparedQuery(MARK_SENT)
                                    .execute(Tuple.of(positions.toArray(new Long[0]))))
                            .invoke(() -> published.increment(positions.size()))
                            .replaceWith(positions.size());
                });
    }

    private ProducerRecord<String, String> toRecord(Row row) {
        EventEnvelope envelope = new EventEnvelope(row.getUUID("id"), row.getString("source"), row.getString("type"),
                row.getString("aggregate_id"), row.getOffsetDateTime("occurred_at"), row.getString("payload"));
        String topic = row.getString("topic");
        EventsConfig.Topic spec = events.topics().get(topic);
        if (spec != null && spec.structured()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(events.physical(topic), null, envelope.subject(),
                    envelope.structured());
            record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            return record;
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(events.physical(topic), null,
                envelope.subject(), envelope.data());
        envelope.kafkaHeaders().forEach(h -> record.headers().add(h));
        return record;
    }

    /**
     * Publishes the batch as one Kafka transaction, in order, on the sender thread. Consumers read
     * committed records only, so a failed attempt leaves nothing visible: a broker that fails half
     * way through a batch can never make a later event of an aggregate appear before an earlier one.
     * Any failure discards the producer; the next attempt starts a fresh one with the same
     * transactional id, which aborts whatever the failed one left open.
     */
    private Uni<Void> send(List<ProducerRecord<String, String>> records) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try {
                KafkaProducer<String, String> kafka = producer();
                kafka.beginTransaction();
                for (ProducerRecord<String, String> record : records) {
                    kafka.send(record);
                }
                kafka.commitTransaction();
            } catch (RuntimeException e) {
                discardProducer();
                throw e;
            }
        }, sender);
        return Uni.createFrom().completionStage(done);
    }

    private void refreshStats() {
        pool.query(BACKLOG).execute().subscribe().with(rows -> {
            Row row = rows.iterator().next();
            pending.set(row.getLong("pending"));
            oldestPendingMillis.set((long) (row.getNumeric("oldest").doubleValue() * 1000));
        }, failure -> LOG.debugf("Cannot measure the outbox backlog: %s", failure));
    }

    private void purge() {
        pool.preparedQuery(PURGE_INBOX).execute(Tuple.of(config.inboxRetention().toSeconds())).subscribe().with(
                rows -> LOG.debugf("Purged %d inbox rows older than %s", rows.rowCount(), config.inboxRetention()),
                failure -> LOG.debugf("Cannot purge the inbox: %s", failure));
        pool.preparedQuery(PURGE).execute(Tuple.of(config.retention().toSeconds())).subscribe().with(
                rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("Purged %d sent outbox events older than %s", rows.rowCount(), config.retention());
                    }
                },
                failure -> LOG.debugf("Cannot purge the outbox: %s", failure));
    }
}
