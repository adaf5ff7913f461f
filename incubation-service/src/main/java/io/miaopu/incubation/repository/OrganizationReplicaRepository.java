package io.miaopu.incubation.repository;

import io.miaopu.incubation.domain.OrganizationReplica;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OrganizationReplicaRepository implements PanacheRepositoryBase<OrganizationReplica, UUID> {
}
