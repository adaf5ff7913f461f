package io.miaopu.incubation.service;

import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.Audited;
import io.miaopu.chassis.write.ChangeType;
import io.miaopu.chassis.write.Writes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A new aggregate, persisted with its history entry and its event through {@link Writes#record}, dated by the
 * aggregate's own creation time: incubation's history has always answered a creation's {@code changedAt} equal to
 * the record's {@code createdAt} (HistoryAnswersTest), which {@link Writes#create} does not keep (it takes a second
 * instant), and a division's creation keeps its reason, which {@link Writes#create} has no place for.
 */
final class Creation {

    private Creation() {
    }

    static <A extends Audited> Uni<A> create(Writes writes, AggregateKind<A> kind, A fresh, OffsetDateTime createdAt,
                                            String reason, String actor, ChangeType type, EventType event) {
        return Panache.getSession().chain(session -> session.persist(fresh))
                .chain(() -> writes.record(kind, List.of(new Writes.Recorded<>(fresh, type, null, reason, actor, event, createdAt))))
                .replaceWith(fresh);
    }
}
