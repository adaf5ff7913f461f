package io.miaopu.incubation.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Hierarchy;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.domain.DivisionKind;
import io.miaopu.incubation.domain.DivisionLevel;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
@WithSession
public class DivisionRepository implements PanacheRepositoryBase<Division, String>, Hierarchy {

    public Uni<List<Division>> children(String code) {
        return list("parentCode", Sort.by("code"), code);
    }

    /** The division's ancestors, nearest first, following parent links (the zone's members included). */
    public Uni<List<Division>> ancestors(String code) {
        return getSession().chain(session -> session.createNativeQuery(
                        "with recursive up(code, parent_code, depth) as ("
                                + " select code, parent_code, 0 from division where code = :code"
                                + " union all select d.code, d.parent_code, up.depth + 1 from division d join up on d.code = up.parent_code)"
                                + " select d.* from up join division d on d.code = up.code where up.depth > 0 order by up.depth",
                        Division.class)
                .setParameter("code", code)
                .getResultList());
    }

    @Override
    public Uni<Boolean> isWithin(String code, String ancestor) {
        if (code.equals(ancestor)) {
            return Uni.createFrom().item(true);
        }
        return ancestors(code).map(list -> list.stream().anyMatch(d -> d.code.equals(ancestor)));
    }

    /** The code itself and every code below it (following parent links). */
    @Override
    public Uni<Boolean> exists(String code) {
        return findById(code).map(found -> found != null);
    }

    @Override
    public Uni<List<String>> selfAndDescendants(String code) {
        return getSession().chain(session -> session.createNativeQuery(
                        "with recursive down(code) as (select code from division where code = :code"
                                + " union all select d.code from division d join down on d.parent_code = down.code)"
                                + " select code from down", String.class)
                .setParameter("code", code)
                .getResultList());
    }

    public Uni<Page<Division>> search(DivisionLevel level, String parent, DivisionKind kind, String nameContains,
                                      Boolean active, int page, int size) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (level != null) {
            where.add("level = :level");
            params.and("level", level);
        }
        if (parent != null) {
            where.add("parentCode = :parent");
            params.and("parent", parent);
        }
        if (kind != null) {
            where.add("kind = :kind");
            params.and("kind", kind);
        }
        if (nameContains != null) {
            where.add("lower(name) like :q");
            params.and("q", "%" + nameContains.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (active != null) {
            where.add("active = :active");
            params.and("active", active);
        }
        var query = where.isEmpty() ? findAll(Sort.by("code"))
                : find(String.join(" and ", where), Sort.by("code"), params);
        var paged = query.page(page, size);
        return paged.list().chain(items -> query.count().map(total -> new Page<>(items, page, size, total)));
    }
}
