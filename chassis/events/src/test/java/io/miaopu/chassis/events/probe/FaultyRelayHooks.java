package io.miaopu.chassis.events.probe;

import io.miaopu.chassis.events.RelayHooks;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Simulates a crash after the broker acknowledged a batch and before it was marked sent. */
@Mock
@ApplicationScoped
public class FaultyRelayHooks extends RelayHooks {

    public static final AtomicInteger CRASHES_TO_SIMULATE = new AtomicInteger();
    public static final AtomicInteger CRASHES_SIMULATED = new AtomicInteger();

    @Override
    public Uni<Void> afterPublish(List<Long> positions) {
        if (CRASHES_TO_SIMULATE.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            CRASHES_SIMULATED.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("simulated crash between publish and mark-sent"));
        }
        return Uni.createFrom().voidItem();
    }
}
