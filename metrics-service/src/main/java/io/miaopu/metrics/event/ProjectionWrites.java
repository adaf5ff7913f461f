package io.miaopu.metrics.event;

import io.miaopu.metrics.service.ProjectionClock;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Writes shared by the projections. Table names are never qualified: a rebuild runs the same
 * statements with its own schema first on the search path.
 */
final class ProjectionWrites {

    private ProjectionWrites() {
    }

    /**
     * Moves the projections' "as of" to the event's time (never back). Every transaction that applies
     * events ends here and writes the row even when the time stays: the row's new version tells the
     * progress reads that the projections changed (the contract is {@link ProjectionClock}'s).
     */
    static Uni<Void> advanceClock(OffsetDateTime time) {
        return Panache.getSession().chain(s -> s.createNativeQuery(ProjectionClock.ADVANCE).setParameter("time", time).executeUpdate())
                .replaceWithVoid();
    }

    /** Runs a native statement with named parameters; the number of rows it changed. */
    static Uni<Integer> execute(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }
}
