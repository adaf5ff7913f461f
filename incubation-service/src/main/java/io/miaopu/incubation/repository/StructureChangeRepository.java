package io.miaopu.incubation.repository;

import io.miaopu.incubation.domain.StructureChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class StructureChangeRepository implements PanacheRepositoryBase<StructureChange, Long> {

    public Uni<List<StructureChange>> history(String type, UUID id) {
        return list("structureType = ?1 and structureId = ?2", Sort.by("id"), type, id);
    }
}
