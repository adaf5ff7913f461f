package io.miaopu.incubation.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.incubation.domain.Enrollment;
import io.miaopu.incubation.domain.Incubator;
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
public class IncubatorRepository implements PanacheRepositoryBase<Incubator, UUID> {

    public Uni<Page<Incubator>> inDivisions(List<String> codes, Incubator.Type type, Boolean open, int page, int size) {
        StringBuilder query = new StringBuilder("divisionCode in :codes");
        Parameters params = Parameters.with("codes", codes);
        if (type != null) {
            query.append(" and type = :type");
            params.and("type", type);
        }
        if (open != null) {
            query.append(open ? " and closedOn is null" : " and closedOn is not null");
        }
        var find = find(query.toString(), Sort.by("divisionCode").and("name"), params);
        return find.page(page, size).list().chain(items -> find.count().map(total -> new Page<>(items, page, size, total)));
    }

    public Uni<List<Enrollment>> enrollments(UUID incubatorId) {
        return getSession().chain(session -> session.createQuery(
                        "from Enrollment where incubatorId = :id order by startedOn, createdAt", Enrollment.class)
                .setParameter("id", incubatorId).getResultList());
    }
}
