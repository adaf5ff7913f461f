package io.miaopu.incubation.repository;

import io.miaopu.incubation.domain.Enrollment;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class EnrollmentRepository implements PanacheRepositoryBase<Enrollment, UUID> {

    public Uni<Long> openFor(UUID incubatorId, UUID organizationId) {
        return count("incubatorId = ?1 and organizationId = ?2 and endedOn is null", incubatorId, organizationId);
    }

    public Uni<Long> openIn(UUID incubatorId) {
        return count("incubatorId = ?1 and endedOn is null", incubatorId);
    }
}
