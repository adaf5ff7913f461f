package io.miaopu.incubation.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.incubation.domain.HubDemonstration;
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
public class HubDemonstrationRepository implements PanacheRepositoryBase<HubDemonstration, UUID> {

    public Uni<Page<HubDemonstration>> inDivisions(List<String> codes, int page, int size) {
        var find = find("divisionCode in :codes", Sort.by("certifiedOn").and("id"), Parameters.with("codes", codes));
        return find.page(page, size).list().chain(items -> find.count().map(total -> new Page<>(items, page, size, total)));
    }

    public Uni<Long> currentFor(UUID organizationId) {
        return count("organizationId = ?1 and revokedOn is null", organizationId);
    }
}
