package io.miaopu.registry.service;

import io.miaopu.chassis.events.SafeContext;
import io.miaopu.registry.config.RegistryConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Forgets Idempotency-Key answers older than the retention: a retry after that is a new request. */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);

    private final Vertx vertx;
    private final RegistryConfig config;

    public IdempotencyPurge(Vertx vertx, RegistryConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(config.idempotencyPurgeInterval().toMillis(), id -> purge().subscribe().with(
                purged -> {
                    if (purged > 0) {
                        LOG.infof("Purged %d expired idempotency keys", purged);
                    }
                },
                failure -> LOG.warnf("Purging idempotency keys failed (retried next time): %s", failure.toString())));
    }

    /** Deletes the expired keys; the number deleted. */
    public Uni<Integer> purge() {
        return SafeContext.run(vertx, () -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("delete from idempotency_key where created_at < now() - make_interval(secs => :seconds)")
                .setParameter("seconds", (double) config.idempotencyRetention().toSeconds())
                .executeUpdate())));
    }
}
