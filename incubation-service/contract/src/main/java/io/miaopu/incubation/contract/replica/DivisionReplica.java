package io.miaopu.incubation.contract.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.PoisonEventException;
import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Hierarchy;
import io.miaopu.chassis.security.Jurisdiction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Keeps a local table of the division hierarchy from miaopu.divisions.v1: a record replaces the
 * division's row when it is newer than the row (higher revision; the same revision announced later),
 * so a replay of the topic, whole or in part, in any order and any number of times, in any consumer,
 * yields the same table: the newest state of each division. (After a restore of incubation's database
 * its revisions must be moved past the topic's: docs/operations.md.) Answers "is A within B" over the replica's
 * parent links (which also carry the functional zone's assigned members), never by comparing codes.
 *
 * <p>Beside the table of current states ({@code table}, which jurisdiction checks read: today's
 * hierarchy), {@code table + "_version"} keeps each division's dated versions as its latest record
 * carries them, so that {@link #asOf} answers the hierarchy as it stood on a past day.
 */
public class DivisionReplica implements Hierarchy {

    private final String table;
    private final String versionTable;
    private final ObjectMapper json;

    public DivisionReplica(String table, ObjectMapper json) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        this.table = table;
        this.versionTable = table + "_version";
        this.json = json;
    }

    /** Applies one division.changed event; call inside the inbox's transaction. */
    public Uni<Void> apply(EventEnvelope event) {
        return applyAll(List.of(event));
    }

    /**
     * Applies division.changed events, in one statement whatever their number (a replay of the whole
     * hierarchy at start costs a few statements); call inside a transaction. Each division keeps its
     * newest state: a record replaces the row only if it is newer by {@link #newer} (revision, then
     * event time), so replicas converge on the newest state whatever is replayed, in any order and any
     * number of times, without the inbox's claims (which are purged, and whose absence let an old
     * record be applied again after a newer one was skipped as claimed).
     */
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        Map<String, Newest> last = new LinkedHashMap<>();
        for (EventEnvelope event : events) {
            DivisionState state = event.dataAs(json, DivisionState.class);
            if (!state.code().equals(event.subject())) {
                throw new PoisonEventException(PoisonEventException.Reason.SCHEMA_INVALID,
                        "subject " + event.subject() + " is not the division's code " + state.code());
            }
            Newest candidate = new Newest(state, event.time());
            last.merge(state.code(), candidate, (a, b) -> newer(b, a) ? b : a);
        }
        if (last.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = json.createArrayNode();
        last.values().forEach(n -> rows.addObject().put("code", n.state().code()).put("name", n.state().name())
                .put("level", n.state().level()).put("parent_code", n.state().parentCode()).put("kind", n.state().kind())
                .put("active", n.state().active()).put("revision", n.state().revision())
                .put("event_time", n.time() == null ? null : n.time().toString()));
        // The guard is the order of newest: (revision, event time), a row without a time (written before
        // V0_3) being older than any record of its revision that has one. Only the rows written are returned.
        String upsert = "insert into " + table + " as d (code, name, level, parent_code, kind, active, revision, event_time, updated_at) "
                + "select r.code, r.name, r.level, r.parent_code, r.kind, r.active, r.revision, r.event_time, now() "
                + "from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(code text, name text, level text, "
                + "parent_code text, kind text, active boolean, revision bigint, event_time timestamptz) "
                + "on conflict (code) do update set name = excluded.name, level = excluded.level, "
                + "parent_code = excluded.parent_code, kind = excluded.kind, active = excluded.active, "
                + "revision = excluded.revision, event_time = excluded.event_time, updated_at = now() "
                + "where (d.revision, coalesce(d.event_time, '-infinity')) "
                + "< (excluded.revision, coalesce(excluded.event_time, '-infinity')) "
                + "returning d.code";
        String deleteVersions = "delete from " + versionTable + " v using jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) "
                + "as r(code text) where v.code = r.code";
        String insertVersions = "insert into " + versionTable + " (code, seq, effective_on, name, level, parent_code, kind, active) "
                + "select r.code, r.seq, r.effective_on, r.name, r.level, r.parent_code, r.kind, r.active "
                + "from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(code text, seq integer, effective_on date, "
                + "name text, level text, parent_code text, kind text, active boolean)";
        return Panache.getSession().chain(session -> session.createNativeQuery(upsert, String.class)
                        .setParameter("rows", rows.toString())
                        .getResultList())
                .chain(written -> {
                    if (written.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    // Each written division's versions are replaced wholesale by those of the record that
                    // won (a record of earlier versions, without them: its current state, since always);
                    // a record that did not win changes neither table.
                    ArrayNode codes = json.createArrayNode();
                    ArrayNode versions = json.createArrayNode();
                    for (String code : written) {
                        DivisionState state = last.get(code).state();
                        codes.addObject().put("code", code);
                        List<DivisionState.Version> spells = state.versionsOrCurrent();
                        for (int seq = 0; seq < spells.size(); seq++) {
                            DivisionState.Version v = spells.get(seq);
                            versions.addObject().put("code", code).put("seq", seq)
                                    .put("effective_on", v.effectiveOn() == null ? null : v.effectiveOn().toString())
                                    .put("name", v.name()).put("level", state.level()).put("parent_code", v.parentCode())
                                    .put("kind", v.kind()).put("active", v.active());
                        }
                    }
                    return Panache.getSession().chain(session -> session.createNativeQuery(deleteVersions)
                                    .setParameter("rows", codes.toString())
                                    .executeUpdate())
                            .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(insertVersions)
                                    .setParameter("rows", versions.toString())
                                    .executeUpdate()))
                            .replaceWithVoid();
                });
    }

    /** A division's state with the time of the event that carried it. */
    private record Newest(DivisionState state, OffsetDateTime time) {
    }

    /**
     * Whether {@code a} is newer than {@code b}: a higher revision (incubation bumps it with every
     * change, under the division's row lock), or the same revision announced later (incubation's V6
     * announced every changed division again, with its versions, under the revision it had). An
     * event without a time is older than one with a time.
     */
    private static boolean newer(Newest a, Newest b) {
        if (a.state().revision() != b.state().revision()) {
            return a.state().revision() > b.state().revision();
        }
        return a.time() != null && (b.time() == null || a.time().isAfter(b.time()));
    }

    /**
     * The hierarchy as it stood at the end of {@code day}: for each division the version with the
     * latest effective day not after {@code day} (a version since always counting as the earliest),
     * if that version is active. Rows of {@code (code, name, level, parent_code, kind)}, by code; a
     * division created after that day is absent. Jurisdiction checks keep using today's hierarchy
     * ({@link #isWithin}); this is for figures of past days and years.
     */
    public Uni<List<Object[]>> asOf(LocalDate day) {
        String sql = "select code, name, level, parent_code, kind from ("
                + " select distinct on (code) code, name, level, parent_code, kind, active from " + versionTable
                + " where effective_on is null or effective_on <= :day"
                + " order by code, effective_on desc nulls last, seq desc) v where active order by code";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("day", day)
                .getResultList());
    }

    /** True when {@code code} is {@code ancestor} or lies below it in the replica. */
    @Override
    public Uni<Boolean> isWithin(String code, String ancestor) {
        String sql = "with recursive up(code, parent_code) as ("
                + " select code, parent_code from " + table + " where code = :code"
                + " union select d.code, d.parent_code from " + table + " d join up on d.code = up.parent_code)"
                + " select count(*) from up where code = :ancestor";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("code", code)
                .setParameter("ancestor", ancestor)
                .getSingleResult()).map(count -> count > 0);
    }

    /** The division's row, or null when the replica does not know it. */
    public Uni<DivisionReplicaEntry> find(String code) {
        String sql = "select code, name, level, parent_code, kind, active, revision from " + table + " where code = :code";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("code", code)
                .getResultList()).map(rows -> rows.isEmpty() ? null : entry(rows.get(0)));
    }

    /** The division and every division below it (following parent links), active or not. */
    @Override
    public Uni<List<String>> selfAndDescendants(String code) {
        String sql = "with recursive down(code) as (select code from " + table + " where code = :code"
                + " union select d.code from " + table + " d join down on d.parent_code = down.code)"
                + " select code from down";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, String.class)
                .setParameter("code", code)
                .getResultList());
    }

    /** The divisions a list covers (see {@link Jurisdiction#divisionsToList}). */
    public Uni<List<String>> toList(String division, Caller caller) {
        return Jurisdiction.divisionsToList(division, caller, this);
    }

    @Override
    public Uni<Boolean> exists(String code) {
        return find(code).map(found -> found != null);
    }

    /** Whether the caller may read what belongs to the division (a read outside answers 404, so this never throws). */
    public Uni<Boolean> isReadable(Caller caller, String code) {
        return Jurisdiction.isReadable(caller, code, this);
    }

    /** The division itself or its nearest ancestor at {@code level} (for example the township of a community), or null. */
    public Uni<String> selfOrAncestorAt(String code, String level) {
        if (code == null) {
            return Uni.createFrom().nullItem();
        }
        return selfOrAncestorsAt(List.of(code), level).map(found -> found.get(code));
    }

    /**
     * For many divisions in one statement (a batch of events): each code found, with itself or its
     * ancestor at {@code level}; a code without one is absent.
     */
    public Uni<Map<String, String>> selfOrAncestorsAt(Collection<String> codes, String level) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String sql = "with recursive up(start, code, parent_code, level) as ("
                + " select code, code, parent_code, level from " + table
                + " where code = any(cast(string_to_array(cast(:codes as text), ',') as text[]))"
                + " union select up.start, d.code, d.parent_code, d.level from " + table + " d join up on d.code = up.parent_code)"
                + " select start, code from up where level = :level";
        // Division codes are 12 digits (every event schema says so): a comma separates them safely.
        String joined = String.join(",", new LinkedHashSet<>(codes));
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("codes", joined)
                .setParameter("level", level)
                .getResultList()).map(rows -> {
                    Map<String, String> found = new HashMap<>();
                    rows.forEach(row -> found.putIfAbsent((String) row[0], (String) row[1]));
                    return found;
                });
    }

    private static DivisionReplicaEntry entry(Object[] row) {
        DivisionReplicaEntry entry = new DivisionReplicaEntry();
        entry.code = (String) row[0];
        entry.name = (String) row[1];
        entry.level = (String) row[2];
        entry.parentCode = (String) row[3];
        entry.kind = (String) row[4];
        entry.active = (Boolean) row[5];
        entry.revision = ((Number) row[6]).longValue();
        return entry;
    }
}
