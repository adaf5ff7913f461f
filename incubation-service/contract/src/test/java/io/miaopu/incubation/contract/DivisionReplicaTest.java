package io.miaopu.incubation.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.chassis.events.TestSupport;
import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The hierarchy on the compacted topic: a consumer that starts late rebuilds the same replica. */
@QuarkusTest
class DivisionReplicaTest {

    private static final String COLUMNS = "code, name, level, parent_code, kind, active, revision";

    @Inject
    DivisionWriter writer;
    @Inject
    DivisionReplica replica;
    @Inject
    ChannelRegistry channels;

    @Test
    void aConsumerStartedAfter500RecordsRebuildsTheSameReplica() throws Throwable {
        // A private subtree per run: county → 9 townships → 40 villages each (400 divisions),
        // then 100 later revisions (renames, retirements) of some villages: 500 records.
        String county = "9" + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        List<DivisionState> records = new ArrayList<>();
        records.add(new DivisionState(county, "测试县", "COUNTY", "5111", "COUNTY", true, 1));
        List<String> villages = new ArrayList<>();
        for (int t = 1; t <= 9; t++) {
            String township = county + String.format("%03d", t);
            records.add(new DivisionState(township, "测试镇" + t, "TOWNSHIP", county, "TOWN", true, 1));
            for (int v = 1; v <= 40 && records.size() < 400; v++) {
                String village = township + String.format("%03d", v);
                villages.add(village);
                records.add(new DivisionState(village, "测试村" + v, "VILLAGE", township, "RURAL_COMMUNITY", true, 1));
            }
        }
        for (int i = 0; records.size() < 500; i++) {
            String village = villages.get(i * 3 % villages.size());
            long revision = 2 + i / villages.size();
            records.add(new DivisionState(village, "更名村" + i, "VILLAGE", village.substring(0, 9), "RURAL_COMMUNITY",
                    i % 2 == 0, revision));
        }
        for (DivisionState state : records) {
            VertxContextSupport.subscribeAndAwait(() -> writer.division(state));
        }
        long expected = records.stream().map(DivisionState::code).distinct().count();
        TestSupport.await("the running replica", Duration.ofSeconds(60), () -> TestSupport.count(
                "select count(*) from division_replica where code like ?", county + "%") == expected);

        channels.getPausable("divisions-late").resume();
        TestSupport.await("the late replica", Duration.ofSeconds(90), () -> TestSupport.count(
                "select count(*) from division_replica_late where code like ?", county + "%") == expected);
        // Both read the whole topic (earlier runs' records too): once the late one has caught up,
        // the two tables are the same, row for row and revision for revision.
        TestSupport.await("the late replica to equal the running one", Duration.ofSeconds(90), () ->
                TestSupport.query("select " + COLUMNS + " from division_replica order by code").equals(
                        TestSupport.query("select " + COLUMNS + " from division_replica_late order by code")));
        assertEquals(TestSupport.query("select " + COLUMNS + " from division_replica where code like ? order by code", county + "%"),
                TestSupport.query("select " + COLUMNS + " from division_replica_late where code like ? order by code", county + "%"));

        String renamed = villages.get(0);
        String lastPublished = records.stream().filter(r -> r.code().equals(renamed)).reduce((a, b) -> b).orElseThrow().name();
        assertEquals(lastPublished, TestSupport.query("select name from division_replica where code = ?", renamed).get(0).get(0),
                "the record published last wins");
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> replica.isWithin(renamed, county))));
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> replica.isWithin(renamed, renamed))));
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> replica.isWithin(county, renamed))));
        String otherTownship = county + "002";
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> replica.isWithin(renamed, otherTownship))));
    }
}
