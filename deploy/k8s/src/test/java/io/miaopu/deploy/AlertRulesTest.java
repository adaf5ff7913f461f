package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.deploy.Manifests.Resource;
import io.miaopu.deploy.Manifests.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of the event backbone (issue 19): since Kafka is not part of readiness, a broker outage, a
 * stalled outbox and dead letters must alert. Every rule is complete, and every metric it reads is one that
 * chassis-events registers (a renamed metric would silence an alert).
 */
class AlertRulesTest {

    private static final Pattern REGISTERED = Pattern.compile("(Gauge|Counter)\\.builder\\(\"(miaopu\\.[a-z.]+)\"([^;]*);");
    private static final Pattern BASE_UNIT = Pattern.compile("baseUnit\\(\"([a-z]+)\"\\)");
    private static final Pattern USED = Pattern.compile("\\bmiaopu_[a-z_]+\\b");

    @Test
    void prodAlertsOnAnUnreachableBrokerAStalledOutboxAndDeadLetters() {
        List<Resource> rules = Manifests.of(Variant.PROD).all("PrometheusRule");
        assertEquals(1, rules.size(), "one PrometheusRule in prod");
        Set<String> alerts = new HashSet<>();
        Set<String> exposed = exposedMetrics();
        for (Map<String, Object> group : Tree.maps(rules.get(0).raw(), "spec", "groups")) {
            for (Map<String, Object> rule : Tree.maps(group, "rules")) {
                String alert = Tree.str(rule, "alert");
                assertNotNull(alert);
                alerts.add(alert);
                String expr = Tree.str(rule, "expr");
                assertNotNull(Tree.str(rule, "for"), alert + " waits before firing");
                assertTrue(Set.of("critical", "warning").contains(Tree.str(rule, "labels", "severity")), alert + " severity");
                assertNotNull(Tree.str(rule, "annotations", "summary"), alert + " summary");
                Matcher used = USED.matcher(expr);
                assertTrue(used.find(), alert + " reads a metric of the suite");
                do {
                    assertTrue(exposed.contains(used.group()), alert + " reads " + used.group()
                            + ", which chassis-events does not register (it registers " + exposed + ")");
                } while (used.find());
            }
        }
        assertTrue(alerts.containsAll(Set.of("MiaopuKafkaUnreachable", "MiaopuOutboxStalled", "MiaopuDeadLetters")), alerts.toString());
    }

    /** The Prometheus names of the meters chassis-events registers: dots to underscores, counters _total, a base unit appended. */
    private static Set<String> exposedMetrics() {
        Set<String> names = new HashSet<>();
        Path sources = Manifests.projectRoot().resolve("chassis/events/src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = REGISTERED.matcher(Manifests.read(file).replaceAll("\\s+", " "));
                while (m.find()) {
                    Matcher unit = BASE_UNIT.matcher(m.group(3));
                    String name = m.group(2).replace('.', '_') + (unit.find() ? "_" + unit.group(1) : "");
                    names.add(m.group(1).equals("Counter") ? name + "_total" : name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(names.isEmpty());
        return names;
    }
}
