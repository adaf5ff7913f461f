package io.miaopu.incubation.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.incubation.domain.Federation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class FederationRepository implements PanacheRepositoryBase<Federation, UUID> {

    public Uni<Federation> activeIn(String townshipCode) {
        return find("townshipCode = ?1 and dissolvedOn is null", townshipCode).firstResult();
    }

    public Uni<Page<Federation>> inTownships(List<String> townshipCodes, Boolean active, int page, int size) {
        String query = "townshipCode in :codes" + (active == null ? "" : active ? " and dissolvedOn is null" : " and dissolvedOn is not null");
        var find = find(query, Sort.by("townshipCode").and("establishedOn"), Parameters.with("codes", townshipCodes));
        return find.page(page, size).list().chain(items -> find.count().map(total -> new Page<>(items, page, size, total)));
    }
}
