package io.miaopu.chassis.events;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Background work that uses Hibernate Reactive (a consumed message, a chunk of a bulk job) runs on a
 * fresh duplicated Vert.x context marked safe: it gets its own session, never shared with other work.
 */
public final class SafeContext {

    private SafeContext() {
    }

    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context current = Vertx.currentContext();
            Context duplicated = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(duplicated, true);
            duplicated.runOnContext(v -> work.get().subscribe().with(emitter::complete, emitter::fail));
        });
    }
}
