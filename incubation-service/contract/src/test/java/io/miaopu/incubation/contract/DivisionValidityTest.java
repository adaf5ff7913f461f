package io.miaopu.incubation.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.chassis.events.TestSupport;
import io.miaopu.incubation.contract.DivisionState.Version;
import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The replica keeps each division's dated versions as its latest record carries them, and answers the
 * hierarchy as it stood on a past day (DivisionReplica.asOf), whatever the order and repetition of the
 * records applied and for records of earlier versions without versions.
 */
@QuarkusTest
class DivisionValidityTest {

    private static final LocalDate NEW_YEAR = LocalDate.of(2026, 1, 1);

    @Inject
    ObjectMapper json;
    @Inject
    EventSchemas schemas;

    @Test
    void asOfAPastDayAnswersTheHierarchyAsItThenStood() throws Throwable {
        DivisionReplica replica = new DivisionReplica("division_replica_asof", json);
        String prefix = "9" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        String oldCounty = prefix;
        String newCounty = "8" + prefix.substring(1);
        String township = oldCounty + "101";
        String other = oldCounty + "102";
        String retired = township + "201";
        String created = township + "202";

        // Records of earlier versions (no effectiveOn, no versions): since always.
        DivisionState countyA = new DivisionState(oldCounty, "旧县", "COUNTY", "5111", "COUNTY", true, 1);
        DivisionState countyB = new DivisionState(newCounty, "新县", "COUNTY", "5111", "COUNTY", true, 1);
        DivisionState otherTownship = new DivisionState(other, "不动镇", "TOWNSHIP", oldCounty, "TOWN", true, 1);
        DivisionState townshipBefore = new DivisionState(township, "划转镇", "TOWNSHIP", oldCounty, "TOWN", true, 1);
        // Reassigned to the new county from 2026-01-01.
        DivisionState townshipAfter = new DivisionState(township, "划转镇", "TOWNSHIP", newCounty, "TOWN", true, 2, NEW_YEAR,
                List.of(new Version(null, "划转镇", oldCounty, "TOWN", true), new Version(NEW_YEAR, "划转镇", newCounty, "TOWN", true)));
        // A community retired on 2026-03-01, and one created on 2026-02-01.
        DivisionState retiredCommunity = new DivisionState(retired, "撤销村", "VILLAGE", township, "RURAL_COMMUNITY", false, 2,
                LocalDate.of(2026, 3, 1), List.of(new Version(null, "撤销村", township, "RURAL_COMMUNITY", true),
                new Version(LocalDate.of(2026, 3, 1), "撤销村", township, "RURAL_COMMUNITY", false)));
        DivisionState createdCommunity = new DivisionState(created, "新设村", "VILLAGE", township, "RURAL_COMMUNITY", true, 1,
                LocalDate.of(2026, 2, 1), List.of(new Version(LocalDate.of(2026, 2, 1), "新设村", township, "RURAL_COMMUNITY", true)));

        // Children before parents, the township's older record before its newer one in the same batch.
        apply(replica, List.of(retiredCommunity, townshipBefore, createdCommunity, townshipAfter, otherTownship, countyB, countyA));
        Map<String, List<Object>> first = versions(prefix);
        // The same records again, in another order (the township's records still in log order), one per batch: the same rows.
        for (DivisionState state : List.of(countyA, townshipBefore, townshipAfter, countyB, createdCommunity, otherTownship,
                retiredCommunity, townshipAfter)) {
            apply(replica, List.of(state));
        }
        assertEquals(first, versions(prefix), "order of divisions and repetition change nothing");
        assertEquals(1, TestSupport.count("select count(*) from division_replica_asof_version where code = ?", other),
                "a record without versions: one version");
        assertTrue(TestSupport.query("select effective_on from division_replica_asof_version where code = ?", other)
                .get(0).get(0) == null, "since always");
        assertEquals(2, TestSupport.count("select count(*) from division_replica_asof_version where code = ?", township));

        Map<String, String> endOf2025 = parents(replica, LocalDate.of(2025, 12, 31), prefix);
        assertEquals(oldCounty, endOf2025.get(township), "under its old county at the end of 2025");
        assertEquals(township, endOf2025.get(retired), "the community retired in 2026 still counts at the end of 2025");
        assertTrue(!endOf2025.containsKey(created), "the community created in 2026 did not exist yet");
        assertEquals(oldCounty, endOf2025.get(other));
        assertEquals("5111", endOf2025.get(oldCounty));

        Map<String, String> today = parents(replica, LocalDate.now(ZoneId.of("Asia/Shanghai")), prefix);
        assertEquals(newCounty, today.get(township), "under its new county today");
        assertTrue(!today.containsKey(retired), "retired");
        assertEquals(township, today.get(created));
        assertEquals(newCounty, TestSupport.query("select parent_code from division_replica_asof where code = ?", township).get(0).get(0),
                "the current table follows the latest record");
        assertEquals(oldCounty, parents(replica, LocalDate.of(2025, 12, 31), prefix).get(township));
        assertEquals(newCounty, parents(replica, NEW_YEAR, prefix).get(township), "from the day it took effect");

        // What incubation publishes is valid against the contract.
        for (DivisionState state : List.of(townshipAfter, retiredCommunity, createdCommunity, countyA)) {
            schemas.validate(DivisionEvents.CHANGED.type(), json.writeValueAsString(state));
        }
    }

    private void apply(DivisionReplica replica, List<DivisionState> states) throws Throwable {
        List<EventEnvelope> events = new ArrayList<>();
        for (DivisionState state : states) {
            events.add(new EventEnvelope(UUID.randomUUID(), "/miaopu/incubation", DivisionEvents.CHANGED.type(), state.code(),
                    OffsetDateTime.now(ZoneOffset.UTC), json.writeValueAsString(state)));
        }
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> replica.applyAll(events)));
    }

    private static Map<String, List<Object>> versions(String prefix) {
        Map<String, List<Object>> rows = new TreeMap<>();
        for (List<Object> row : TestSupport.query("select code, seq, effective_on, name, level, parent_code, kind, active "
                + "from division_replica_asof_version where code like ? or code like ? order by code, seq", prefix + "%",
                "8" + prefix.substring(1) + "%")) {
            rows.put(row.get(0) + "#" + row.get(1), row);
        }
        return rows;
    }

    /** Each division of the test's subtree as of the day, with its parent. */
    private static Map<String, String> parents(DivisionReplica replica, LocalDate day, String prefix) throws Throwable {
        List<Object[]> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> replica.asOf(day)));
        Map<String, String> parents = new TreeMap<>();
        for (Object[] row : rows) {
            String code = (String) row[0];
            if (code.startsWith(prefix) || code.startsWith("8" + prefix.substring(1))) {
                parents.put(code, (String) row[3]);
            }
        }
        return parents;
    }
}
