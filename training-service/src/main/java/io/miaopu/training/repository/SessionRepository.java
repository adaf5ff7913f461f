package io.miaopu.training.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.training.domain.TrainingSession;
import io.miaopu.training.domain.Vocabulary.Format;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SessionRepository implements PanacheRepositoryBase<TrainingSession, UUID> {

    public Uni<Page<TrainingSession>> inDivisions(List<String> codes, LocalDate from, LocalDate to, Format format, int page,
                                                  int size) {
        StringBuilder query = new StringBuilder("organizingDivision in :codes");
        Parameters params = Parameters.with("codes", codes);
        if (from != null) {
            query.append(" and heldOn >= :from");
            params.and("from", from);
        }
        if (to != null) {
            query.append(" and heldOn <= :to");
            params.and("to", to);
        }
        if (format != null) {
            query.append(" and format = :format");
            params.and("format", format);
        }
        var find = find(query.toString(), Sort.descending("heldOn").and("id"), params);
        return find.page(page, size).list().chain(items -> find.count().map(total -> new Page<>(items, page, size, total)));
    }
}
