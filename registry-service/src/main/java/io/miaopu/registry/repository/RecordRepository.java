package io.miaopu.registry.repository;

import io.miaopu.chassis.rest.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The append-only records of organizations (activities, reports, evaluations, Party liaison). */
@ApplicationScoped
@WithSession
public class RecordRepository {

    public <T> Uni<T> add(T record) {
        return Panache.getSession().chain(session -> session.persist(record)).replaceWith(record);
    }

    public <T> Uni<T> find(Class<T> type, UUID id) {
        return Panache.getSession().chain(session -> session.find(type, id));
    }

    /** One page of the records of {@code type} whose {@code owner} column is {@code ownerId}, newest first by {@code order}. */
    public <T> Uni<Page<T>> page(Class<T> type, String owner, UUID ownerId, String order, int page, int size) {
        String entity = type.getSimpleName();
        return Panache.getSession().chain(session -> session
                        .createQuery("from " + entity + " where " + owner + " = :owner order by " + order + " desc, recordedAt desc",
                                type)
                        .setParameter("owner", ownerId).setFirstResult(page * size).setMaxResults(size).getResultList())
                .chain(items -> Panache.getSession().chain(session -> session
                                .createQuery("select count(*) from " + entity + " where " + owner + " = :owner", Long.class)
                                .setParameter("owner", ownerId).getSingleResult())
                        .map(total -> new Page<>(items, page, size, total)));
    }

    public Uni<Long> count(String entity, String where, Object... params) {
        return Panache.getSession().chain(session -> {
            var query = session.createQuery("select count(*) from " + entity + " where " + where, Long.class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getSingleResult();
        });
    }
}
