package io.miaopu.metrics.exchange;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.events.Outbox;
import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The government data-exchange feed (数据共享交换): curated public records, separate from the
 * internal events. A record is written in the transaction of the change it reports, once per origin,
 * into exchange_event (the REST stream, by position) and the outbox (the topic gov.exchange.v1, in
 * CloudEvents structured mode). Writers hold one advisory lock, so positions become visible in order.
 */
@ApplicationScoped
public class ExchangeFeed {

    public static final String TOPIC = "gov.exchange.v1";
    public static final EventType ORGANIZATION_RECORD = new EventType(TOPIC, "io.miaopu.exchange.organization-record.v1");
    public static final EventType PROGRESS_SNAPSHOT = new EventType(TOPIC, "io.miaopu.exchange.progress-snapshot.v1");
    public static final EventType PLAN_EVALUATION = new EventType(TOPIC, "io.miaopu.exchange.plan-evaluation.v1");

    /** Serializes the feed's writers until their commit: a position is never committed after a higher one. */
    private static final long FEED_LOCK = 0x6d69616f7075L;
    private static final String LOCK = "select cast(pg_advisory_xact_lock(" + FEED_LOCK + ") as text)";
    private static final String MADE = "select origin from exchange_event "
            + "where origin in (select jsonb_array_elements_text(cast(cast(:origins as text) as jsonb)))";
    /** Many records in one statement, positions in the order given. */
    private static final String INSERT = "insert into exchange_event (id, origin, type, source, subject, time, data) "
            + "select r.id, r.origin, r.type, r.source, r.subject, r.time, r.data "
            + "from rows from (jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as (id uuid, origin text, type text, "
            + "source text, subject text, time timestamptz, data jsonb)) with ordinality "
            + "as r(id, origin, type, source, subject, time, data, n) order by r.n";
    private static final String PAGE = "select position, id, type, source, subject, time, cast(data as text) from exchange_event "
            + "where position > :after order by position limit :limit";

    /** An organization as the exchange may see it: no leader, phone or liaison. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Internal(UUID id, String name, String creditCode, String legalForm, String managementClass, String category,
                    String subcategory, String communityCode, LocalDate registeredOn, LocalDate establishedOn, String status,
                    boolean hubType, List<String> serviceAreas, long version) {
    }

    public record OrganizationRecord(UUID id, String name, String creditCode, String legalForm, String managementClass,
                                     String category, String subcategory, String communityCode, String countyCode,
                                     LocalDate registeredOn, LocalDate establishedOn, String status, boolean hubType,
                                     List<String> serviceAreas, long version) {
    }

    /** One record of the feed as stored. */
    public record Stored(long position, UUID id, String type, String source, String subject, OffsetDateTime time, String data) {
    }

    private final Outbox outbox;
    private final ObjectMapper json;
    private final DivisionReplica divisions;

    public ExchangeFeed(Outbox outbox, ObjectMapper json, DivisionReplica divisions) {
        this.outbox = outbox;
        this.json = json;
        this.divisions = divisions;
    }

    /** A record to append unless one was already made from its origin. */
    public record Entry(String origin, EventType type, String subject, Object payload) {
    }

    /**
     * The public records of organizations after changes registry announced, in their order; inside the
     * projection's transaction, a few statements for a whole batch.
     */
    public Uni<Void> organizations(List<EventEnvelope> internal) {
        if (internal.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Internal> organizations = internal.stream().map(e -> e.dataAs(json, Internal.class)).toList();
        return divisions.selfOrAncestorsAt(organizations.stream().map(Internal::communityCode).toList(), "COUNTY")
                .chain(counties -> {
                    List<Entry> entries = new ArrayList<>(internal.size());
                    for (int i = 0; i < internal.size(); i++) {
                        Internal o = organizations.get(i);
                        entries.add(new Entry("event:" + internal.get(i).id(), ORGANIZATION_RECORD, o.id().toString(),
                                new OrganizationRecord(o.id(), o.name(), o.creditCode(), o.legalForm(), o.managementClass(),
                                        o.category(), o.subcategory(), o.communityCode(), counties.get(o.communityCode()),
                                        o.registeredOn(), o.establishedOn(), o.status(), o.hubType(),
                                        o.serviceAreas() == null ? List.of() : o.serviceAreas(), o.version())));
                    }
                    return appendAll(entries);
                }).replaceWithVoid();
    }

    /** Appends a record made from {@code origin} unless one was already made; true when appended. Inside a transaction. */
    public Uni<Boolean> append(String origin, EventType type, String subject, Object payload) {
        return appendAll(List.of(new Entry(origin, type, subject, payload))).map(appended -> appended == 1);
    }

    /**
     * Appends, in order, the records whose origin has no record yet (an origin twice in the list is made
     * once), to the feed and the outbox; how many were appended. Inside a transaction.
     */
    public Uni<Integer> appendAll(List<Entry> entries) {
        ArrayNode origins = json.createArrayNode();
        entries.forEach(e -> origins.add(e.origin()));
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK, String.class).getSingleResult())
                .chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(MADE, String.class)
                        .setParameter("origins", origins.toString()).getResultList()))
                .chain(made -> {
                    Set<String> taken = new HashSet<>(made);
                    List<Entry> fresh = entries.stream().filter(e -> taken.add(e.origin())).toList();
                    if (fresh.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return outbox.appendAll(fresh.stream().map(e -> new Outbox.Pending(e.type(), e.subject(), e.payload())).toList())
                            .chain(events -> {
                                ArrayNode rows = json.createArrayNode();
                                for (int i = 0; i < events.size(); i++) {
                                    EventEnvelope event = events.get(i);
                                    rows.addObject().put("id", event.id().toString()).put("origin", fresh.get(i).origin())
                                            .put("type", event.type()).put("source", event.source()).put("subject", event.subject())
                                            .put("time", event.timestamp()).putRawValue("data", new RawValue(event.data()));
                                }
                                return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                                        .setParameter("rows", rows.toString()).executeUpdate());
                            });
                });
    }

    /** Whether a record was already made from {@code origin}. */
    public Uni<Boolean> made(String origin) {
        ArrayNode origins = json.createArrayNode().add(origin);
        return Panache.getSession().chain(s -> s.createNativeQuery(MADE, String.class).setParameter("origins", origins.toString())
                .getResultList()).map(found -> !found.isEmpty());
    }

    /** Records after a position, in order. */
    public Uni<List<Stored>> after(long position, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery(PAGE, Object[].class)
                .setParameter("after", position).setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(r -> new Stored(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], (String) r[3],
                        (String) r[4], (OffsetDateTime) r[5], (String) r[6])).toList());
    }
}
