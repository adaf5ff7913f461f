package io.miaopu.registry.repository;

import io.miaopu.registry.domain.OrganizationChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OrganizationChangeRepository implements PanacheRepositoryBase<OrganizationChange, Long> {

    public Uni<List<OrganizationChange>> history(UUID organizationId) {
        return list("organizationId = ?1 order by version", organizationId);
    }
}
