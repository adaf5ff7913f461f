package io.miaopu.chassis.write;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Every service's history, in one table shape ({@code change_log}, chassis migration V0_4): who changed
 * which aggregate, when, from what state to what state, and why. Written only by {@link Writes}, in
 * the change's own transaction; read by the services' {@code /history} endpoints.
 */
@ApplicationScoped
public class ChangeLog {

    /**
     * History rows from the JSON array bound as {@code :history}, in its order; {@link Writes} sends it
     * with the events in one statement (a data-modifying CTE of the outbox insert).
     */
    static final String INSERT = "insert into change_log (aggregate_type, aggregate_id, version, "
            + "change_type, before, after, reason, changed_by, changed_at) "
            + "select h.aggregate_type, h.aggregate_id, h.version, h.change_type, h.before, h.after, h.reason, h.changed_by, "
            + "h.changed_at from rows from (jsonb_to_recordset(cast(cast(:history as text) as jsonb)) as (aggregate_type text, "
            + "aggregate_id text, version bigint, change_type text, before jsonb, after jsonb, reason text, changed_by text, "
            + "changed_at timestamptz)) with ordinality as h(aggregate_type, aggregate_id, version, change_type, before, after, "
            + "reason, changed_by, changed_at, n) order by h.n";

    private static final String HISTORY = "select id, version, change_type, cast(before as text), cast(after as text), reason, "
            + "changed_by, changed_at from change_log where aggregate_type = :type and aggregate_id = :id order by id";

    /**
     * One history entry; {@code before} and {@code after} are the stored JSON text (null before a
     * creation), so that a number keeps the digits it was written with.
     */
    public record Entry(long id, String aggregateType, String aggregateId, long version, String changeType, String before,
                        String after, String reason, String changedBy, OffsetDateTime changedAt) {
    }

    /** The history of one aggregate, oldest first. */
    public Uni<List<Entry>> history(String aggregateType, String aggregateId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(HISTORY, Object[].class)
                        .setParameter("type", aggregateType).setParameter("id", aggregateId).getResultList())
                .map(rows -> rows.stream().map(r -> new Entry(((Number) r[0]).longValue(), aggregateType, aggregateId,
                        ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                        time(r[7]))).toList());
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected changed_at type " + value.getClass());
    }
}
