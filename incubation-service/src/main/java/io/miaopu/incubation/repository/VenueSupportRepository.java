package io.miaopu.incubation.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.incubation.domain.VenueSupport;
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
public class VenueSupportRepository implements PanacheRepositoryBase<VenueSupport, UUID> {

    public Uni<Page<VenueSupport>> inDivisions(List<String> codes, int page, int size) {
        var find = find("providingDivisionCode in :codes", Sort.by("fromDate").and("id"), Parameters.with("codes", codes));
        return find.page(page, size).list().chain(items -> find.count().map(total -> new Page<>(items, page, size, total)));
    }
}
