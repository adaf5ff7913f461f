package io.miaopu.chassis.events;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

/**
 * The outbox backlog, in the wellness group ({@code /q/health/well}): always UP, since writes go on
 * into the outbox during a broker outage and are published when Kafka is back (the Kafka check reports
 * the broker; metrics {@code miaopu_outbox_pending} and {@code miaopu_outbox_oldest_pending_age_seconds}
 * carry the same figures for alerts). Never part of readiness.
 */
@Wellness
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
