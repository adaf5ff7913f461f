package io.miaopu.chassis.events;

import io.miaopu.chassis.events.probe.ProbeWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures, does not judge: relay throughput and commit-to-effect latency on this machine.
 * Run with {@code ./mvnw -pl chassis/events test -Dgroups=benchmark -Dexcluded.groups=none};
 * results go to target/benchmark-event-backbone.md (copied into docs/benchmarks by hand).
 */
@Tag("benchmark")
@QuarkusTest
class EventBackboneBenchmark {

    @Inject
    ProbeWriter writer;

    @Test
    void relayThroughputAndEndToEndLatency() throws Throwable {
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "machine: %d cores, %s, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), System.getProperty("java.version")));

        // Warm-up: JIT, connections, producer transactions.
        paced(TestSupport.runId() + "-warm", 300, 200);

        for (int n : new int[] {20_000}) {
            String run = TestSupport.runId() + "-bulk";
            TestSupport.query("insert into outbox_event (id, topic, aggregate_id, type, source, occurred_at, payload) "
                    + "select gen_random_uuid(), 'miaopu.chassis-test.v1', ? || '-' || (i % 100), "
                    + "'io.miaopu.chassis.probe.recorded.v1', '/miaopu/chassis', now(), "
                    + "jsonb_build_object('key', ? || '-' || (i % 100), 'seq', i / 100 + 1) "
                    + "from generate_series(0, ? - 1) i returning 1", run, run, n);
            long start = System.nanoTime();
            TestSupport.await("relay drains", Duration.ofMinutes(5), () -> TestSupport.count(
                    "select count(*) from outbox_event where aggregate_id like ? and sent_at is null", run + "-%") == 0);
            double relaySeconds = (System.nanoTime() - start) / 1e9;
            TestSupport.await("consumer applies", Duration.ofMinutes(5), () -> TestSupport.count(
                    "select count(*) from probe_effect where key like ?", run + "-%") >= n);
            double consumerSeconds = (System.nanoTime() - start) / 1e9;
            report.append(String.format(Locale.ROOT,
                    "relay: %d events committed at once, published (Kafka transactions of 500, acks=all) in %.2f s = %.0f events/s%n"
                            + "inbox consumer: all %d applied (one DB transaction each) after %.2f s = %.0f events/s%n%n",
                    n, relaySeconds, n / relaySeconds, n, consumerSeconds, n / consumerSeconds));
        }

        for (int rate : new int[] {100, 250}) {
            String run = TestSupport.runId() + "-lat" + rate;
            int events = rate * 10;
            paced(run, events, rate);
            TestSupport.await("effects", Duration.ofMinutes(2), () -> TestSupport.count(
                    "select count(*) from probe_effect where key like ?", run + "-%") >= events);
            List<List<Object>> p = TestSupport.query("select "
                    + "percentile_cont(0.5) within group (order by ms), percentile_cont(0.9) within group (order by ms), "
                    + "percentile_cont(0.99) within group (order by ms), max(ms) from ("
                    + " select extract(epoch from e.applied_at - w.written_at) * 1000 as ms"
                    + " from probe_write w join probe_effect e on e.key = w.key and e.seq = w.seq where w.key like ?) t", run + "-%");
            report.append(String.format(Locale.ROOT,
                    "latency at %d writes/s (%d events, each its own transaction; from the write to the consumer's committed effect):"
                            + " p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    rate, events, num(p, 0), num(p, 1), num(p, 2), num(p, 3)));
        }
        Path out = Path.of("target/benchmark-event-backbone.md");
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    /** Writes at a constant arrival rate (schedule-based, so a slow write does not slow the schedule). */
    private void paced(String run, int events, int perSecond) throws Throwable {
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String key = run + "-" + (i % 50);
            int seq = i / 50 + 1;
            VertxContextSupport.subscribeAndAwait(() -> writer.record(key, seq));
        }
    }

    private static double num(List<List<Object>> rows, int column) {
        return ((Number) rows.get(0).get(column)).doubleValue();
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
