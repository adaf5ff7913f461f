package io.miaopu.incubation.contract;

import io.miaopu.chassis.events.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Announces a division as incubation does: its state on the divisions topic, through the outbox. */
@ApplicationScoped
public class DivisionWriter {

    private final Outbox outbox;

    public DivisionWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Void> division(DivisionState state) {
        return outbox.append(DivisionEvents.CHANGED, state.code(), state).replaceWithVoid();
    }
}
