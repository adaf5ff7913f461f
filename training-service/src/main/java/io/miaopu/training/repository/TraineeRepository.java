package io.miaopu.training.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.training.domain.Trainee;
import io.miaopu.training.domain.Vocabulary.Role;
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
public class TraineeRepository implements PanacheRepositoryBase<Trainee, UUID> {

    public Uni<Trainee> byPhone(String phone) {
        return find("phone", phone).firstResult();
    }

    /** The trainees holding these phones, by phone. */
    public Uni<java.util.Map<String, Trainee>> byPhones(List<String> phones) {
        if (phones.isEmpty()) {
            return Uni.createFrom().item(new java.util.HashMap<>());
        }
        return list("phone in ?1", phones).map(found -> {
            java.util.Map<String, Trainee> byPhone = new java.util.HashMap<>();
            found.forEach(t -> byPhone.put(t.phone, t));
            return byPhone;
        });
    }

    public Uni<Page<Trainee>> inDivisions(List<String> codes, Role role, String name, int page, int size) {
        StringBuilder query = new StringBuilder("divisionCode in :codes");
        Parameters params = Parameters.with("codes", codes);
        if (role != null) {
            query.append(" and role = :role");
            params.and("role", role);
        }
        if (name != null) {
            query.append(" and name like :name escape '\\'");
            params.and("name", "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        var find = find(query.toString(), Sort.by("name").and("id"), params);
        return find.page(page, size).list().chain(items -> find.count().map(total -> new Page<>(items, page, size, total)));
    }
}
