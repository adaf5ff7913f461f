package io.miaopu.chassis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.chassis.write.ProbeItem;
import io.miaopu.chassis.write.ProbeItems;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The one audited write (Writes): what it writes, in one transaction, and what a refused change leaves (nothing). */
@QuarkusTest
class WritesTest {

    static final Caller COUNTY = new Caller("s1", "county-a", null, Set.of("county-officer"), Optional.of("5111"));
    static final Caller OTHER_COUNTY = new Caller("s2", "county-b", null, Set.of("county-officer"), Optional.of("5112"));
    static final Caller READER = new Caller("s3", null, "exchange-reader", Set.of("province-platform"), Optional.of("51"));

    @Inject
    ProbeItems items;

    @Inject
    ChangeLog log;

    @Test
    void aCreationWritesTheEntityItsHistoryAndItsEventTogether() throws Throwable {
        ProbeItem item = VertxContextSupport.subscribeAndAwait(() -> items.create("5111", "first", new BigDecimal("1.00"), "county-a"));
        List<List<Object>> history = TestSupport.query("select version, change_type, before is null, after->>'label', "
                + "cast(after->'amount' as text), changed_by from change_log where aggregate_type = 'probe-item' and aggregate_id = ?",
                item.id.toString());
        assertEquals(List.of(List.of(1L, "CREATED", true, "first", "1.00", "county-a")), history);
        // The event carries the very state the history keeps, digits as written.
        List<List<Object>> events = TestSupport.query("select type, cast(payload->'amount' as text), payload->>'label' "
                + "from outbox_event where aggregate_id = ?", item.id.toString());
        assertEquals(List.of(List.of("io.miaopu.chassis.probe-item.changed.v1", "1.00", "first")), events);
    }

    @Test
    void aChangeAdvancesTheVersionAndKeepsBeforeAndAfter() throws Throwable {
        ProbeItem item = VertxContextSupport.subscribeAndAwait(() -> items.create("5111", "old", null, "county-a"));
        ProbeItem changed = VertxContextSupport.subscribeAndAwait(() -> items.relabel(item.id, "new", "\"1\"", COUNTY));
        assertEquals(2, changed.version);
        assertTrue(changed.updatedAt.isAfter(item.updatedAt) || changed.updatedAt.equals(item.updatedAt));
        List<List<Object>> history = TestSupport.query("select version, change_type, before->>'label', after->>'label', "
                + "cast(after->>'version' as bigint), reason, changed_by from change_log where aggregate_id = ? order by id",
                item.id.toString());
        assertEquals(java.util.Arrays.asList(1L, "CREATED", null, "old", 1L, null, "county-a"), history.get(1 - 1));
        assertEquals(List.of(2L, "RELABELLED", "old", "new", 2L, "relabelled", "county-a"), history.get(1));
        assertEquals(2, TestSupport.count("select count(*) from outbox_event where aggregate_id = ?", item.id.toString()));
        ProbeItem stored = VertxContextSupport.subscribeAndAwait(() -> items.find(item.id));
        assertEquals("new", stored.label);
        assertEquals(2, stored.version);
        // The history as services read it: oldest first, the stored JSON text.
        List<ChangeLog.Entry> entries = VertxContextSupport.subscribeAndAwait(() -> history(item.id));
        assertEquals(2, entries.size());
        assertNull(entries.get(0).before());
        assertEquals("RELABELLED", entries.get(1).changeType());
        assertTrue(entries.get(1).after().contains("\"label\": \"new\""), entries.get(1).after());
        assertEquals(changed.updatedAt.toInstant(), entries.get(1).changedAt().toInstant());
    }

    @Test
    void aChangeThatChangesNothingWritesNothing() throws Throwable {
        ProbeItem item = VertxContextSupport.subscribeAndAwait(() -> items.create("5111", "same", null, "county-a"));
        ProbeItem unchanged = VertxContextSupport.subscribeAndAwait(() -> items.relabel(item.id, "same", "\"1\"", COUNTY));
        assertEquals(1, unchanged.version);
        assertWritten(item.id, 1);
    }

    @Test
    void aStaleOrMissingIfMatchIsRefusedAndWritesNothing() throws Throwable {
        ProbeItem item = VertxContextSupport.subscribeAndAwait(() -> items.create("5111", "x", null, "county-a"));
        assertProblem(ProblemType.PRECONDITION_FAILED, () -> items.relabel(item.id, "y", "\"7\"", COUNTY));
        assertProblem(ProblemType.PRECONDITION_REQUIRED, () -> items.relabel(item.id, "y", null, COUNTY));
        assertWritten(item.id, 1);
        // Weak tags and lists name the version as well.
        assertEquals(2, VertxContextSupport.subscribeAndAwait(() -> items.relabel(item.id, "y", "\"9\", W/\"1\"", COUNTY)).version);
    }

    @Test
    void outsideTheJurisdictionIsNotFoundAndAReadingRoleIsForbidden() throws Throwable {
        ProbeItem item = VertxContextSupport.subscribeAndAwait(() -> items.create("5111", "x", null, "county-a"));
        assertProblem(ProblemType.NOT_FOUND, () -> items.relabel(item.id, "y", "\"1\"", OTHER_COUNTY));
        assertProblem(ProblemType.FORBIDDEN, () -> items.relabel(item.id, "y", "\"1\"", READER));
        assertProblem(ProblemType.NOT_FOUND, () -> items.relabel(UUID.randomUUID(), "y", "\"1\"", COUNTY));
        assertWritten(item.id, 1);
    }

    @Test
    void theDeprecatedBodyVersionStillWorksAndIfMatchWins() throws Throwable {
        ProbeItem item = VertxContextSupport.subscribeAndAwait(() -> items.create("5111", "x", null, "county-a"));
        ProblemException stale = assertProblem(ProblemType.CONFLICT, () -> items.relabelByBodyVersion(item.id, "y", null, 5L, COUNTY));
        assertEquals("version", stale.problem().errors().get(0).field());
        assertProblem(ProblemType.PRECONDITION_REQUIRED, () -> items.relabelByBodyVersion(item.id, "y", null, null, COUNTY));
        assertProblem(ProblemType.PRECONDITION_FAILED, () -> items.relabelByBodyVersion(item.id, "y", "\"5\"", 1L, COUNTY));
        assertWritten(item.id, 1);
        assertEquals(2, VertxContextSupport.subscribeAndAwait(() -> items.relabelByBodyVersion(item.id, "y", null, 1L, COUNTY)).version);
        assertEquals(3, VertxContextSupport.subscribeAndAwait(() -> items.relabelByBodyVersion(item.id, "z", "\"2\"", 9L, COUNTY)).version);
    }

    @Test
    void aBatchOfCreationsKeepsItsOrderInHistoryAndEvents() throws Throwable {
        String run = TestSupport.runId();
        List<ProbeItem> created = VertxContextSupport.subscribeAndAwait(() -> items.createAll(
                List.of(run + "-a", run + "-b", run + "-c"), "importer"));
        List<String> ids = created.stream().map(i -> i.id.toString()).toList();
        List<String> historyOrder = TestSupport.query("select aggregate_id from change_log where after->>'label' like ? order by id",
                run + "-%").stream().map(r -> (String) r.get(0)).toList();
        assertEquals(ids, historyOrder);
        List<String> eventOrder = TestSupport.query("select aggregate_id from outbox_event where payload->>'label' like ? "
                + "order by position", run + "-%").stream().map(r -> (String) r.get(0)).toList();
        assertEquals(ids, eventOrder);
    }

    private io.smallrye.mutiny.Uni<List<ChangeLog.Entry>> history(UUID id) {
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() -> log.history("probe-item", id.toString()));
    }

    private static void assertWritten(UUID id, long versions) {
        assertEquals(versions, TestSupport.count("select count(*) from change_log where aggregate_id = ?", id.toString()));
        assertEquals(versions, TestSupport.count("select count(*) from outbox_event where aggregate_id = ?", id.toString()));
        assertEquals(versions, TestSupport.count("select version from probe_item where id = ?", id));
    }

    private static ProblemException assertProblem(ProblemType type, java.util.function.Supplier<io.smallrye.mutiny.Uni<?>> call) {
        ProblemException e = assertThrows(ProblemException.class, () -> VertxContextSupport.subscribeAndAwait(call::get));
        assertEquals(type.uri(), e.problem().type());
        return e;
    }
}
