package io.miaopu.metrics.rebuild;

import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.EventsConfig;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.chassis.events.PoisonEventException;
import io.miaopu.chassis.events.SafeContext;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.metrics.config.MetricsConfig;
import io.miaopu.metrics.event.IncubationProjection;
import io.miaopu.metrics.event.OrganizationProjection;
import io.miaopu.metrics.event.TrainingProjection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds the projections from the topics (重建统计投影): replays registry, incubation and training
 * from the beginning into fresh tables of a schema of its own (the same statements, that schema first
 * on the search path, a fresh inbox), then swaps them in under locks in one transaction, once the
 * replay holds everything the live consumers applied; a crash before the swap leaves the current
 * tables as they were. The division replica is not rebuilt (it replays its topic at every start); the
 * exchange feed is a log: the replay only adds the records of events never yet on it.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    static final String SCHEMA = "metrics_rebuild";
    /** A RUNNING rebuild silent this long was interrupted (batches take seconds). */
    private static final String STALE = "update projection_rebuild set status = 'FAILED', error = 'interrupted: no heartbeat', "
            + "finished_at = now() where status = 'RUNNING' and heartbeat_at < now() - interval '2 minutes'";
    static final List<String> TABLES = List.of("organization_projection", "community_tally", "federation_projection",
            "hub_demonstration_projection", "incubator_projection", "training_tally", "session_tally", "projection_clock");

    private final Inbox inbox;
    private final Vertx vertx;
    private final EventsConfig events;
    private final MetricsConfig config;
    private final String bootstrapServers;
    private final Map<String, Function<List<EventEnvelope>, Uni<Void>>> appliers = new HashMap<>();
    private final Map<String, String> consumers = new HashMap<>();
    private final java.util.concurrent.ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "projection-rebuild-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "projection-rebuild");
        t.setDaemon(true);
        return t;
    });

    public ProjectionRebuild(Inbox inbox, Vertx vertx, EventsConfig events, MetricsConfig config,
                             OrganizationProjection organizations, IncubationProjection incubation, TrainingProjection training,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.inbox = inbox;
        this.vertx = vertx;
        this.events = events;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        register("miaopu.registry.v1", OrganizationProjection.CONSUMER, organizations::applyAll);
        register("miaopu.incubation.v1", IncubationProjection.CONSUMER, incubation::applyAll);
        register("miaopu.training.v1", TrainingProjection.CONSUMER, training::applyAll);
    }

    private void register(String topic, String consumer, Function<List<EventEnvelope>, Uni<Void>> applier) {
        String physical = events.physical(topic);
        consumers.put(physical, consumer);
        appliers.put(physical, applier);
    }

    /** A rebuild whose heartbeat stopped (its instance crashed or restarted) is recorded as failed. */
    void onStart(@Observes StartupEvent event) {
        SafeContext.run(vertx, () -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(STALE)
                        .executeUpdate())))
                .subscribe().with(n -> { }, failure -> LOG.warnf("Cannot close interrupted rebuilds: %s", failure));
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
        heartbeats.shutdownNow();
    }

    /** Starts a rebuild in the background; 409 while another runs (one whose heartbeat is recent). */
    public Uni<RebuildRecord> start(String requestedBy) {
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select cast(pg_advisory_xact_lock(7303) as text)", String.class).getSingleResult())
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(STALE).executeUpdate()))
                .chain(() -> RebuildRecord.count("status", "RUNNING"))
                .chain(running -> {
                    if (running > 0) {
                        throw new ProblemException(ProblemType.CONFLICT, "A rebuild is already running.", "已有重建正在进行。");
                    }
                    RebuildRecord record = new RebuildRecord();
                    record.id = id;
                    record.status = "RUNNING";
                    record.requestedBy = requestedBy;
                    record.requestedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    record.heartbeatAt = record.requestedAt;
                    return record.persist();
                }))
                .invoke(() -> worker.submit(() -> run(id)))
                .chain(() -> Panache.withSession(() -> RebuildRecord.<RebuildRecord>findById(id)));
    }

    public Uni<RebuildRecord> find(UUID id) {
        return Panache.withSession(() -> RebuildRecord.<RebuildRecord>findById(id)).onItem().ifNull().failWith(() ->
                new ProblemException(ProblemType.NOT_FOUND, "No rebuild " + id + ".", "重建记录不存在。"));
    }

    /**
     * On the rebuild's own thread (blocking waits are fine here, never on the event loop): replay to
     * the end, then try to swap; a swap is refused while the live consumers have applied an event the
     * replay has not (one published in between), and the replay goes on to the new end.
     */
    private void run(UUID id) {
        long applied = 0;
        // The heartbeat goes on whatever the rebuild waits for (a quiet topic, the swap's locks).
        java.util.concurrent.ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> heartbeat(id), 30, 30, TimeUnit.SECONDS);
        try (KafkaConsumer<String, String> kafka = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : consumers.keySet()) {
                kafka.partitionsFor(topic, Duration.ofSeconds(10)).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            transaction(prepare(id)).await().atMost(Duration.ofMinutes(1));
            long[] counted = {0};
            boolean swapped = false;
            for (int attempt = 1; !swapped; attempt++) {
                if (attempt > config.rebuild().swapAttempts()) {
                    throw new IllegalStateException("no swap after " + (attempt - 1) + " attempts");
                }
                counted[0] += replay(kafka, kafka.endOffsets(partitions), id);
                swapped = swapWithTail(kafka, partitions, id, counted);
            }
            applied = counted[0];
            finish(id, "COMPLETED", applied, null);
            LOG.infof("Projections rebuilt from %d events", applied);
        } catch (Throwable failure) {
            LOG.errorf(failure, "Projection rebuild %s failed", id);
            try {
                transaction(List.of("drop schema if exists " + SCHEMA + " cascade")).await().atMost(Duration.ofMinutes(1));
            } catch (RuntimeException ignored) {
                // the next rebuild drops it
            }
            finish(id, "FAILED", applied, String.valueOf(failure));
        } finally {
            beat.cancel(false);
        }
    }

    private void heartbeat(UUID id) {
        try {
            SafeContext.run(vertx, () -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                    "update public.projection_rebuild set heartbeat_at = now() where id = :id and status = 'RUNNING'")
                    .setParameter("id", id).executeUpdate()))).await().atMost(Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            LOG.warnf("Rebuild heartbeat not written: %s", e.toString());
        }
    }

    /**
     * The swap: one transaction locks the inbox (a live consumer's batch in progress, at most 200 events, commits
     * first; the next waits) and the
     * projections; while it holds them, the replay applies the tail published since it last read the
     * ends; then the transaction checks that the live consumers applied nothing the replay has not,
     * and moves the tables. A lock not had within 5 s (a long read in the way) is another attempt.
     */
    private boolean swapWithTail(KafkaConsumer<String, String> kafka, List<TopicPartition> partitions, UUID id, long[] counted)
            throws Exception {
        CompletableFuture<Void> locked = new CompletableFuture<>();
        CompletableFuture<Void> tailApplied = new CompletableFuture<>();
        CompletableFuture<Boolean> swapped = swap(id, locked, tailApplied).subscribeAsCompletionStage();
        CompletableFuture.anyOf(locked, swapped).get(2, TimeUnit.MINUTES);
        if (!locked.isDone()) {
            return lockedOut(swapped);
        }
        try {
            counted[0] += replay(kafka, kafka.endOffsets(partitions), id);
            tailApplied.complete(null);
        } catch (RuntimeException e) {
            tailApplied.completeExceptionally(e);
        }
        return lockedOut(swapped);
    }

    private static boolean lockedOut(CompletableFuture<Boolean> swapped) throws Exception {
        try {
            return swapped.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            if (String.valueOf(e.getCause()).contains("lock timeout")) {
                LOG.info("Swap deferred: the projections were busy");
                return false;
            }
            throw e;
        }
    }

    private long replay(KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> end, UUID id) {
        long applied = 0;
        while (end.entrySet().stream().anyMatch(e -> kafka.position(e.getKey()) < e.getValue())) {
            List<ConsumerRecord<String, String>> batch = new ArrayList<>();
            kafka.poll(Duration.ofMillis(500)).forEach(r -> {
                Long until = end.get(new TopicPartition(r.topic(), r.partition()));
                if (until != null && r.offset() < until) {
                    batch.add(r);
                }
            });
            for (int from = 0; from < batch.size(); from += config.rebuild().batchSize()) {
                List<ConsumerRecord<String, String>> part = batch.subList(from, Math.min(batch.size(), from + config.rebuild().batchSize()));
                try {
                    applyBatch(part, id).await().atMost(Duration.ofMinutes(5));
                } catch (PoisonEventException e) {
                    // an event whose data the projection cannot read: one by one, skipping it (live, it went to the dead letters)
                    for (ConsumerRecord<String, String> record : part) {
                        try {
                            applyBatch(List.of(record), id).await().atMost(Duration.ofMinutes(1));
                        } catch (PoisonEventException skipped) {
                            LOG.warnf("Rebuild skips %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), skipped.getMessage());
                        }
                    }
                }
                applied += part.size();
            }
            // A partition read past its end in this poll is rewound, so the next round starts exactly at its end.
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (kafka.position(e.getKey()) > e.getValue()) {
                    kafka.seek(e.getKey(), e.getValue());
                }
            }
        }
        return applied;
    }

    /** One transaction per batch, into the rebuild's schema with its own inbox, each topic's events as the live consumer takes them; the heartbeat with it. */
    private Uni<Void> applyBatch(List<ConsumerRecord<String, String>> records, UUID id) {
        Map<String, List<EventEnvelope>> byTopic = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                byTopic.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(inbox.read(record));
            } catch (PoisonEventException e) {
                // The live consumer sent it to the dead-letter queue; it never counted.
            }
        }
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> searchPath()
                .chain(() -> Multi.createFrom().iterable(byTopic.entrySet())
                        .onItem().transformToUniAndConcatenate(topic -> inbox.applyAll(consumers.get(topic.getKey()), topic.getValue(),
                                appliers.get(topic.getKey())))
                        .collect().last().replaceWithVoid())
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                        "update public.projection_rebuild set heartbeat_at = now() where id = :id").setParameter("id", id)
                        .executeUpdate()))
                .replaceWithVoid()));
    }

    private static Uni<Void> searchPath() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select set_config('search_path', '" + SCHEMA + ", public', true)",
                String.class).getSingleResult()).replaceWithVoid();
    }

    private static List<String> prepare(UUID id) {
        List<String> sql = new ArrayList<>();
        sql.add("update public.projection_rebuild set replay_from = now() where id = '" + id + "'");
        sql.add("drop schema if exists " + SCHEMA + " cascade");
        sql.add("create schema " + SCHEMA);
        for (String table : TABLES) {
            sql.add("create table " + SCHEMA + "." + table + " (like public." + table + " including all)");
        }
        sql.add("create table " + SCHEMA + ".inbox_event (like public.inbox_event including all)");
        // LIKE names the copied indexes itself: give them the names they have now, which migrations may use.
        sql.add("do $$ declare r record; begin for r in select n.indexname as fresh, o.indexname as original "
                + "from pg_indexes n join pg_indexes o on o.schemaname = 'public' and o.tablename = n.tablename "
                + "and replace(n.indexdef, n.indexname, '') = replace(replace(o.indexdef, o.indexname, ''), 'public.', '" + SCHEMA + ".') "
                + "where n.schemaname = '" + SCHEMA + "' and n.indexname <> o.indexname loop "
                + "execute format('alter index " + SCHEMA + ".%I rename to %I', r.fresh, r.original); end loop; end $$");
        sql.add("create trigger organization_projection_tally after insert or update or delete on " + SCHEMA
                + ".organization_projection for each row execute function public.tally_organization()");
        return sql;
    }

    /**
     * Locks the inbox first (as the live consumers take it first), then the projections, so no live
     * transaction is half way through. Swaps only if every event the live consumers applied since the
     * replay began was applied by the replay too (true); otherwise changes nothing (false). What they
     * applied before was on the topics before the replay read their ends.
     */
    private Uni<Boolean> swap(UUID id, CompletableFuture<Void> locked, CompletableFuture<Void> tailApplied) {
        String names = String.join(", ", consumers.values().stream().map(c -> "'" + c + "'").toList());
        List<String> locks = List.of("set local lock_timeout = '5s'",
                "lock table public.inbox_event in share row exclusive mode",
                "lock table " + String.join(", ", TABLES.stream().map(t -> "public." + t).toList()) + " in access exclusive mode");
        String behind = "select count(*) from public.inbox_event live where live.consumer in (" + names + ") "
                + "and live.processed_at >= (select replay_from from public.projection_rebuild where id = '" + id + "') "
                + "and not exists (select 1 from " + SCHEMA + ".inbox_event fresh "
                + "where fresh.consumer = live.consumer and fresh.event_id = live.event_id)";
        String status = "select status from public.projection_rebuild where id = '" + id + "'";
        List<String> moves = new ArrayList<>();
        moves.add("drop schema if exists metrics_retired cascade");
        moves.add("create schema metrics_retired");
        for (String table : TABLES) {
            moves.add("alter table public." + table + " set schema metrics_retired");
            moves.add("alter table " + SCHEMA + "." + table + " set schema public");
        }
        // Claims of the live consumers are all among the replay's (checked): add the replay's, keep the rest.
        moves.add("insert into public.inbox_event select * from " + SCHEMA + ".inbox_event on conflict do nothing");
        moves.add("drop schema metrics_retired cascade");
        moves.add("drop schema " + SCHEMA + " cascade");
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> statements(locks)
                .invoke(() -> locked.complete(null))
                .chain(() -> {
                    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
                    // Waits (without blocking) for the rebuild thread's tail, then goes on on this session's context.
                    return Uni.createFrom().completionStage(tailApplied)
                            .emitOn(command -> context.runOnContext(ignored -> command.run()));
                })
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(status, String.class).getSingleResult()))
                .invoke(current -> {
                    if (!"RUNNING".equals(current)) {
                        throw new IllegalStateException("the rebuild was marked " + current + " meanwhile");
                    }
                })
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(behind, Long.class).getSingleResult()))
                .chain(missing -> {
                    if (missing > 0) {
                        LOG.infof("Swap deferred: %d events applied live are not replayed yet", missing);
                        return Uni.createFrom().item(false);
                    }
                    return statements(moves).replaceWith(true);
                })));
    }

    private static Uni<Void> statements(List<String> sql) {
        return Multi.createFrom().iterable(sql)
                .onItem().transformToUniAndConcatenate(statement -> Panache.getSession().chain(s -> s.createNativeQuery(statement).executeUpdate()))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> transaction(List<String> sql) {
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> statements(sql)));
    }

    private void finish(UUID id, String status, long applied, String error) {
        SafeContext.run(vertx, () -> Panache.withTransaction(() -> RebuildRecord.<RebuildRecord>findById(id).invoke(r -> {
            if (!"RUNNING".equals(r.status)) {
                return; // already closed (marked interrupted by another instance)
            }
            r.status = status;
            r.events = applied;
            r.error = error;
            r.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }))).await().atMost(Duration.ofMinutes(1));
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = io.miaopu.chassis.events.KafkaClients.connection(bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "metrics-rebuild-" + UUID.randomUUID().toString().substring(0, 8));
        return new KafkaConsumer<>(props);
    }
}
