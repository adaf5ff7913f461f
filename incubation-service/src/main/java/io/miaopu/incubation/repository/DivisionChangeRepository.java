package io.miaopu.incubation.repository;

import io.miaopu.incubation.domain.DivisionChange;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class DivisionChangeRepository implements PanacheRepositoryBase<DivisionChange, Long> {

    public Uni<List<DivisionChange>> history(String code) {
        return list("code", Sort.by("id"), code);
    }
}
