package io.miaopu.metrics.exchange;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.events.Outbox;
import io.miaopu.chassis.events.divisions.DivisionReplica;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
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

    /** Serializes the feed's writers until their commit: a position is never committed after a higher one. */
    private static final long FEED_LOCK = 0x6d69616f7075L;
    private static final String LOCK = "select cast(pg_advisory_xact_lock(" + FEED_LOCK + ") as text)";
    private static final String EXISTS = "select count(*) from exchange_event where origin = :origin";
    private static final String INSERT = "insert into exchange_event (id, origin, type, source, subject, time, data) "
            + "values (:id, :origin, :type, :source, :subject, :time, cast(cast(:data as text) as jsonb))";
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

    /** The public record of an organization after a change registry announced; inside the projection's transaction. */
    public Uni<Void> organization(EventEnvelope internal) {
        Internal o = internal.dataAs(json, Internal.class);
        return divisions.selfOrAncestorAt(o.communityCode(), "COUNTY").chain(county -> append("event:" + internal.id(),
                ORGANIZATION_RECORD, o.id().toString(), new OrganizationRecord(o.id(), o.name(), o.creditCode(), o.legalForm(),
                        o.managementClass(), o.category(), o.subcategory(), o.communityCode(), county, o.registeredOn(),
                        o.establishedOn(), o.status(), o.hubType(), o.serviceAreas() == null ? List.of() : o.serviceAreas(),
                        o.version()))).replaceWithVoid();
    }

    /** Appends a record made from {@code origin} unless one was already made; true when appended. Inside a transaction. */
    public Uni<Boolean> append(String origin, EventType type, String subject, Object payload) {
        return Panache.getSession().chain(s -> s.createNativeQuery(LOCK, String.class).getSingleResult())
                .chain(() -> made(origin))
                .chain(made -> made ? Uni.createFrom().item(false)
                        : outbox.append(type, subject, payload).chain(event -> Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                                .setParameter("id", event.id())
                                .setParameter("origin", origin)
                                .setParameter("type", event.type())
                                .setParameter("source", event.source())
                                .setParameter("subject", event.subject())
                                .setParameter("time", event.time())
                                .setParameter("data", event.data())
                                .executeUpdate())).replaceWith(true));
    }

    /** Whether a record was already made from {@code origin}. */
    public Uni<Boolean> made(String origin) {
        return Panache.getSession().chain(s -> s.createNativeQuery(EXISTS, Long.class).setParameter("origin", origin).getSingleResult())
                .map(count -> count > 0);
    }

    /** Records after a position, in order. */
    public Uni<List<Stored>> after(long position, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery(PAGE, Object[].class)
                .setParameter("after", position).setParameter("limit", limit).getResultList())
                .map(rows -> rows.stream().map(r -> new Stored(((Number) r[0]).longValue(), (UUID) r[1], (String) r[2], (String) r[3],
                        (String) r[4], (OffsetDateTime) r[5], (String) r[6])).toList());
    }
}
