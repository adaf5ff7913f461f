package io.miaopu.chassis.events;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Dead letters not replayed yet, per consumer, in the wellness group ({@code /q/health/well}): data,
 * always UP (a dead letter does not stop the service from serving; it is an operator's task, also
 * counted in {@code miaopu_inbox_dead_letters_open} and alerted on).
 */
@Wellness
@ApplicationScoped
public class DeadLetterHealthCheck implements HealthCheck {

    private final DeadLetters deadLetters;

    public DeadLetterHealthCheck(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("Dead letters").up();
        long total = 0;
        for (var entry : deadLetters.openCounts().entrySet()) {
            response.withData("open." + entry.getKey(), entry.getValue());
            total += entry.getValue();
        }
        return response.withData("open", total).build();
    }
}
