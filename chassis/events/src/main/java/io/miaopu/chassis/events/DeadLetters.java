package io.miaopu.chassis.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * The dead letters of this service's consumers, kept in its database ({@code dead_letter}) beside
 * the channel's dead-letter topic, so that they are seen and can be replayed: each one is logged
 * (event id, type, subject, consumer, reason), counted per consumer (metrics
 * {@code miaopu_inbox_dead_letters_total} and {@code miaopu_inbox_dead_letters_open}, health data),
 * listed and replayed by the city administrator ({@code /api/v1/<service>/admin/dead-letters}).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** A record seen again (a replica replays its topic at every start) is one dead letter, opened again if it was replayed. */
    private static final String RECORD = "insert into dead_letter (consumer, event_id, type, subject, source, event_time, "
            + "topic, partition, record_offset, record_key, headers, value, reason) "
            // as text first: a String bound to a jsonb parameter would be stored as one JSON string
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, cast(cast($11 as text) as jsonb), $12, $13) "
            + "on conflict (consumer, topic, partition, record_offset) do update set reason = excluded.reason, "
            + "last_seen_at = now(), replayed_at = null, replayed_by = null, outcome = null "
            + "returning id, (xmax = 0) as fresh";
    private static final String OPEN = "select consumer, count(*) as open from dead_letter where replayed_at is null group by consumer";
    static final String COLUMNS = "id, consumer, event_id, type, subject, source, event_time, topic, partition, record_offset, "
            + "record_key, cast(headers as text) as headers, value, reason, recorded_at, last_seen_at, attempts, last_attempt_at, "
            + "replayed_at, replayed_by, outcome";

    /** A dead letter as stored. {@code eventId}, {@code type}, {@code subject} are null when the record is no readable event. */
    public record DeadLetter(long id, String consumer, UUID eventId, String type, String subject, String source,
                             OffsetDateTime eventTime, String topic, int partition, long offset, String key,
                             Map<String, String> headers, String value, String reason, OffsetDateTime recordedAt,
                             OffsetDateTime lastSeenAt, int attempts, OffsetDateTime lastAttemptAt, OffsetDateTime replayedAt,
                             String replayedBy, String outcome) {

        public boolean open() {
            return replayedAt == null;
        }
    }

    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final Instance<InboxConsumer> consumers;
    private final EventsConfig config;
    private final Map<String, AtomicLong> open = new ConcurrentHashMap<>();
    private final String service;

    public DeadLetters(Pool pool, Vertx vertx, MeterRegistry meters, ObjectMapper json, Instance<InboxConsumer> consumers,
                       EventsConfig config, io.miaopu.chassis.config.ServiceConfig service) {
        this.service = service.name();
        this.pool = pool;
        this.vertx = vertx;
        this.meters = meters;
        this.json = json;
        this.consumers = consumers;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        consumers.forEach(c -> openGauge(c.consumerName()));
        refresh();
        vertx.setPeriodic(config.relay().statsInterval().toMillis(), id -> refresh());
    }

    /**
     * Records a poison record for {@code consumer} in its own transaction (the consumer's was rolled
     * back), retried while the database fails: the record is acknowledged only once its dead letter is kept.
     */
    public Uni<Void> record(String consumer, String topic, int partition, long offset, String key, String value,
                            Headers headers, PoisonEventException reason) {
        Map<String, String> names = new TreeMap<>();
        if (headers != null) {
            for (Header h : headers) {
                names.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        UUID eventId = uuid(names.get("ce_id"));
        OffsetDateTime time = time(names.get("ce_time"));
        ObjectNode headersJson = json.createObjectNode();
        names.forEach(headersJson::put);
        String type = names.get("ce_type");
        String subject = names.get("ce_subject");
        Tuple row = Tuple.tuple().addValue(consumer).addValue(eventId).addValue(type).addValue(subject)
                .addValue(names.get("ce_source")).addValue(time).addValue(topic).addValue(partition).addValue(offset)
                .addValue(key).addValue(headersJson.toString()).addValue(value).addValue(reason.getMessage());
        return pool.preparedQuery(RECORD).execute(row)
                .onFailure().invoke(e -> LOG.warnf("Cannot keep the dead letter of %s-%d@%d for %s yet: %s", topic, partition,
                        offset, consumer, e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely()
                .invoke(rows -> {
                    Row r = rows.iterator().next();
                    LOG.errorf("Dead letter %d: event %s of type %s, subject %s, from %s-%d@%d, set aside by consumer %s: %s "
                                    + "(list and replay: /api/v1/%s/admin/dead-letters)", r.getLong("id"), eventId, type, subject,
                            topic, partition, offset, consumer, reason.getMessage(), service);
                    if (Boolean.TRUE.equals(r.getBoolean("fresh"))) {
                        counter(consumer).increment();
                    }
                    openGauge(consumer);
                })
                .replaceWithVoid()
                .invoke(this::refresh);
    }

    /** Dead letters, newest first: those not replayed ({@code open}) or all; of one consumer or all. */
    public Uni<List<DeadLetter>> list(boolean onlyOpen, Optional<String> consumer, int limit) {
        String sql = "select " + COLUMNS + " from dead_letter where ($1 = false or replayed_at is null) "
                + "and ($2::text is null or consumer = $2) order by id desc limit $3";
        return pool.preparedQuery(sql).execute(Tuple.of(onlyOpen, consumer.orElse(null), limit)).map(rows -> {
            List<DeadLetter> found = new ArrayList<>();
            rows.forEach(r -> found.add(read(r)));
            return found;
        });
    }

    public Uni<DeadLetter> find(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from dead_letter where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : read(rows.iterator().next()));
    }

    /** A replay that found the record still poison: counted as an attempt, with the reason of now. */
    public Uni<Void> failedAttempt(long id, String reason) {
        return pool.preparedQuery("update dead_letter set attempts = attempts + 1, last_attempt_at = now(), reason = $2 "
                + "where id = $1").execute(Tuple.of(id, reason)).replaceWithVoid();
    }

    /** Open dead letters per consumer (every known consumer, 0 included), as last measured. */
    public Map<String, Long> openCounts() {
        Map<String, Long> counts = new TreeMap<>();
        open.forEach((consumer, count) -> counts.put(consumer, count.get()));
        return counts;
    }

    public Optional<InboxConsumer> consumer(String name) {
        return consumers.stream().filter(c -> c.consumerName().equals(name)).findFirst();
    }

    void refresh() {
        pool.query(OPEN).execute().subscribe().with(rows -> {
            Map<String, Long> now = new TreeMap<>();
            rows.forEach(r -> now.put(r.getString("consumer"), r.getLong("open")));
            now.keySet().forEach(this::openGauge);
            open.forEach((consumer, count) -> count.set(now.getOrDefault(consumer, 0L)));
        }, failure -> LOG.debugf("Cannot count the dead letters: %s", failure));
    }

    private AtomicLong openGauge(String consumer) {
        return open.computeIfAbsent(consumer, c -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("miaopu.inbox.dead.letters.open", value, AtomicLong::get).tag("consumer", c)
                    .description("Dead letters of the consumer not replayed yet").register(meters);
            return value;
        });
    }

    private Counter counter(String consumer) {
        return Counter.builder("miaopu.inbox.dead.letters").tag("consumer", consumer)
                .description("Records set aside as dead letters").register(meters);
    }

    private DeadLetter read(Row r) {
        Map<String, String> headers = new TreeMap<>();
        try {
            json.readTree(r.getString("headers")).fields().forEachRemaining(e -> headers.put(e.getKey(),
                    e.getValue().isNull() ? null : e.getValue().asText()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new DeadLetter(r.getLong("id"), r.getString("consumer"), r.getUUID("event_id"), r.getString("type"),
                r.getString("subject"), r.getString("source"), r.getOffsetDateTime("event_time"), r.getString("topic"),
                r.getInteger("partition"), r.getLong("record_offset"), r.getString("record_key"), headers, r.getString("value"),
                r.getString("reason"), r.getOffsetDateTime("recorded_at"), r.getOffsetDateTime("last_seen_at"),
                r.getInteger("attempts"), r.getOffsetDateTime("last_attempt_at"), r.getOffsetDateTime("replayed_at"),
                r.getString("replayed_by"), r.getString("outcome"));
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static OffsetDateTime time(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
