package io.miaopu.chassis.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox backlog in the readiness details. It stays UP during a broker outage: writes go on
 * into the outbox and are published when Kafka is back (the Kafka check reports the broker).
 */
@Readiness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxHealthCheck(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Outbox relay").up()
                .withData("pending", relay.pending())
                .withData("oldestPendingAgeSeconds", relay.oldestPendingMillis() / 1000);
        if (relay.lastError() != null) {
            response.withData("lastError", relay.lastError());
        }
        return response.build();
    }
}
