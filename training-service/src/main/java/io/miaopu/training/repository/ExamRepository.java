package io.miaopu.training.repository;

import io.miaopu.chassis.rest.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Exam support and results, listed by the trainees' divisions. */
@ApplicationScoped
@WithSession
public class ExamRepository {

    /** One page of {@code entity} rows of trainees serving in {@code divisions} (and of one trainee, if given). */
    public <T> Uni<Page<T>> page(Class<T> type, List<String> divisions, java.util.UUID traineeId, String order, int page, int size) {
        String where = " where x.traineeId in (select t.id from Trainee t where t.divisionCode in :divisions)"
                + (traineeId == null ? "" : " and x.traineeId = :trainee");
        String entity = type.getSimpleName();
        return Panache.getSession().chain(s -> {
            var query = s.createQuery("from " + entity + " x" + where + " order by x." + order + " desc, x.id", type)
                    .setParameter("divisions", divisions);
            if (traineeId != null) {
                query.setParameter("trainee", traineeId);
            }
            return query.setFirstResult(page * size).setMaxResults(size).getResultList();
        }).chain(items -> Panache.getSession().chain(s -> {
            var query = s.createQuery("select count(*) from " + entity + " x" + where, Long.class).setParameter("divisions", divisions);
            if (traineeId != null) {
                query.setParameter("trainee", traineeId);
            }
            return query.getSingleResult();
        }).map(total -> new Page<>(items, page, size, total)));
    }

    public Uni<Long> count(String entity, String where, Object... params) {
        return Panache.getSession().chain(s -> {
            var query = s.createQuery("select count(*) from " + entity + " where " + where, Long.class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getSingleResult();
        });
    }
}
