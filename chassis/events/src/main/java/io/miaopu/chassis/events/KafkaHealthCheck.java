package io.miaopu.chassis.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

/**
 * The Kafka connection, in the wellness group ({@code /q/health/well}, and {@code /q/health}), answered
 * within two seconds even while the broker is down (the built-in check waits up to a minute). Not
 * readiness: a service serves requests while the broker is down (writes wait in the outbox), so an
 * outage must not take every pod out of its Service; it is seen here, in the gauge
 * {@code miaopu_kafka_reachable}, in the outbox's metrics and in the alert rules of deploy/k8s.
 */
@Wellness
@ApplicationScoped
public class KafkaHealthCheck implements HealthCheck {

    /** How often the broker is probed for the gauge, whether or not anyone asks for health. */
    private static final long PROBE_SECONDS = 15;

    private final String bootstrapServers;
    private final AtomicInteger reachable = new AtomicInteger(1);
    private volatile Admin admin;
    private ScheduledExecutorService prober;

    public KafkaHealthCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, MeterRegistry meters) {
        this.bootstrapServers = bootstrapServers;
        Gauge.builder("miaopu.kafka.reachable", reachable, AtomicInteger::get)
                .description("1 while the broker answers a cluster description within 2 s, else 0 (probed every 15 s)")
                .register(meters);
    }

    void start(@Observes StartupEvent event) {
        // Blocking admin calls: on a thread of their own, never on the event loop.
        prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kafka-health-probe");
            t.setDaemon(true);
            return t;
        });
        prober.scheduleWithFixedDelay(this::call, 0, PROBE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Kafka connection health check").withData("bootstrap", bootstrapServers);
        try {
            Collection<Node> nodes = admin().describeCluster().nodes().get(2, TimeUnit.SECONDS);
            reachable.set(1);
            return response.up().withData("nodes", nodes.stream().map(n -> n.host() + ":" + n.port())
                    .collect(Collectors.joining(","))).build();
        } catch (Exception e) {
            reachable.set(0);
            return response.down().withData("reason", e.getClass().getSimpleName()).build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Properties props = KafkaClients.connection(bootstrapServers);
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness");
                    admin = Admin.create(props);
                }
            }
        }
        return admin;
    }

    void close(@Observes ShutdownEvent event) {
        if (prober != null) {
            prober.shutdownNow();
        }
        if (admin != null) {
            admin.close();
        }
    }
}
