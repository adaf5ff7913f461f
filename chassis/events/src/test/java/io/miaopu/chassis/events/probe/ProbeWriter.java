package io.miaopu.chassis.events.probe;

import io.miaopu.chassis.events.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** A use case as services write them: the change and its event in one transaction. */
@ApplicationScoped
public class ProbeWriter {

    private final Outbox outbox;

    public ProbeWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    @WithTransaction
    public Uni<Void> record(String key, int seq) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("insert into probe_write (key, seq) values (:key, :seq)")
                        .setParameter("key", key).setParameter("seq", seq).executeUpdate())
                .chain(() -> outbox.append(Probe.RECORDED, key, new Probe(key, seq)))
                .replaceWithVoid();
    }

    /** Writes, then fails: the transaction must leave neither the change nor the event. */
    @WithTransaction
    public Uni<Void> recordThenFail(String key, int seq) {
        return record(key, seq).chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back")));
    }

    /** Any payload as an event of {@code type}: a producer defect the outbox must refuse. */
    @WithTransaction
    public Uni<Void> raw(io.miaopu.chassis.events.EventType type, String key, Object payload) {
        return outbox.append(type, key, payload).replaceWithVoid();
    }
}
