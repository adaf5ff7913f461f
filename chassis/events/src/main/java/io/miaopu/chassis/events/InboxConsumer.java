package io.miaopu.chassis.events;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A consumer of events, known to the inbox by name (the {@code consumer} of its claims and dead
 * letters), so that a dead letter can be replayed into it once its cause is fixed
 * ({@code POST /api/v1/<service>/admin/dead-letters/{id}/replay}). A CDI bean; every consumer of the
 * suite is one.
 */
public interface InboxConsumer {

    /** The consumer's name in {@code inbox_event} and {@code dead_letter}. */
    String consumerName();

    /** Applies events in order inside the caller's transaction (the batch effect of {@link Inbox#processBatch}). */
    Uni<Void> applyAll(List<EventEnvelope> events);

    /**
     * True when the effect must be applied once per event and the inbox claims each event id (a count,
     * a feed); false for event-carried state whose effect keeps the newest state by itself (a replica
     * guarded by a monotonic revision or version): applied again, it changes nothing, so no claims.
     */
    default boolean claims() {
        return true;
    }
}
