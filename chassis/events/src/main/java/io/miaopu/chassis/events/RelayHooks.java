package io.miaopu.chassis.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A seam between "the broker acknowledged the batch" and "the batch is marked sent": the place
 * where a crash causes redelivery. Does nothing in production; tests replace it to inject faults.
 */
@ApplicationScoped
public class RelayHooks {

    public Uni<Void> afterPublish(List<Long> positions) {
        return Uni.createFrom().voidItem();
    }
}
