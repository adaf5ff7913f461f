package io.miaopu.registry.repository;

import io.miaopu.chassis.rest.Page;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Organization;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    static final String COLUMNS = "id, name, credit_code, legal_form, management_class, category, subcategory, service_areas, "
            + "community_code, registered_on, established_on, leader_name, leader_phone, member_count, hub_type, "
            + "charter_adopted, status, status_reason, status_effective_on, version, created_at, updated_at";

    /** Sort keys of the API and their columns. */
    public static final Map<String, String> SORT_COLUMNS = Map.of(
            "name", "name", "registeredOn", "registered_on", "createdAt", "created_at", "updatedAt", "updated_at",
            "communityCode", "community_code");

    /** The organization holding this credit code now (not deregistered), read and locked for a change; else null. */
    public Uni<Organization> byCreditCodeLocked(String creditCode) {
        return find("creditCode = ?1 and status <> ?2", creditCode, Status.DEREGISTERED)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** The organizations not deregistered holding credit codes of this set: code → their ids. */
    public Uni<Map<String, Set<UUID>>> creditCodeHolders(Set<String> creditCodes) {
        if (creditCodes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(s -> s.createQuery("select creditCode, id from Organization where creditCode in :codes "
                        + "and status <> :gone", Object[].class)
                .setParameter("codes", creditCodes).setParameter("gone", Status.DEREGISTERED).getResultList())
                .map(OrganizationRepository::byKey);
    }

    /** The organizations not deregistered holding names of this set in communities of this set: "community|name" → their ids. */
    public Uni<Map<String, Set<UUID>>> nameHolders(Set<String> communities, Set<String> names) {
        if (communities.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return getSession().chain(s -> s.createQuery("select communityCode || '|' || name, id from Organization "
                        + "where communityCode in :communities and name in :names and status <> :gone", Object[].class)
                .setParameter("communities", communities).setParameter("names", names)
                .setParameter("gone", Status.DEREGISTERED).getResultList())
                .map(OrganizationRepository::byKey);
    }

    private static Map<String, Set<UUID>> byKey(List<Object[]> rows) {
        Map<String, Set<UUID>> holders = new HashMap<>();
        for (Object[] row : rows) {
            holders.computeIfAbsent((String) row[0], k -> new HashSet<>()).add((UUID) row[1]);
        }
        return holders;
    }

    public Uni<Page<Organization>> list(OrganizationFilter filter, String sortColumn, boolean descending, int page, int size) {
        return list(filter, sortColumn, descending, page, size, 0);
    }

    /** A page and the number of matches, counted up to {@code countCap} + 1 when countCap is positive (else all). */
    public Uni<Page<Organization>> list(OrganizationFilter filter, String sortColumn, boolean descending, int page, int size,
                                        int countCap) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        String sql = "select " + COLUMNS + " from organization" + where + " order by " + sortColumn
                + (descending ? " desc" : "") + ", id limit " + size + " offset " + ((long) page * size);
        String count = countCap > 0
                ? "select count(*) from (select 1 from organization" + where + " limit " + (countCap + 1) + ") capped"
                : "select count(*) from organization" + where;
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Organization.class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).chain(items -> getSession().chain(session -> {
            var query = session.createNativeQuery(count, Long.class);
            params.forEach(query::setParameter);
            return query.getSingleResult();
        }).map(total -> new Page<>(items, page, size, total)));
    }

    /** The next batch after (community, id), in that order: an export walks the whole list this way. */
    public Uni<List<Organization>> batchAfter(OrganizationFilter filter, String afterCommunity, UUID afterId, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        if (afterId != null) {
            where += (where.isEmpty() ? " where " : " and ") + "(community_code, id) > (:afterCommunity, :afterId)";
            params.put("afterCommunity", afterCommunity);
            params.put("afterId", afterId);
        }
        String sql = "select " + COLUMNS + " from organization" + where + " order by community_code, id limit " + size;
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Organization.class);
            params.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private static String where(OrganizationFilter f, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (f.division() != null) {
            // One bind whatever the division (a province holds thousands of communities); the replica's
            // parent links, as DivisionReplica.selfAndDescendants walks them, evaluated once by the database.
            conditions.add("community_code in (with recursive down(code) as (select code from division_replica where code = :division"
                    + " union select d.code from division_replica d join down on d.parent_code = down.code) select code from down)");
            params.put("division", f.division());
        }
        if (f.category() != null) {
            conditions.add("category = :category");
            params.put("category", f.category().name());
        }
        if (f.subcategory() != null) {
            conditions.add("subcategory = :subcategory");
            params.put("subcategory", f.subcategory().name());
        }
        if (f.managementClass() != null) {
            conditions.add("management_class = :managementClass");
            params.put("managementClass", f.managementClass().name());
        }
        if (f.status() != null) {
            conditions.add("status = :status");
            params.put("status", f.status().name());
        }
        if (f.current()) {
            conditions.add("status <> 'DEREGISTERED'");
        }
        if (f.registeredFrom() != null) {
            conditions.add("registered_on >= :registeredFrom");
            params.put("registeredFrom", f.registeredFrom());
        }
        if (f.registeredTo() != null) {
            conditions.add("registered_on <= :registeredTo");
            params.put("registeredTo", f.registeredTo());
        }
        if (f.q() != null) {
            // The gram index narrows to names holding every character pair of q; LIKE keeps exact substrings.
            String q = f.q().toLowerCase(Locale.ROOT);
            List<String> grams = grams(q);
            List<String> placeholders = new ArrayList<>();
            for (int i = 0; i < grams.size(); i++) {
                placeholders.add(":g" + i);
                params.put("g" + i, grams.get(i));
            }
            conditions.add("name_grams @> array[" + String.join(", ", placeholders) + "]::text[]");
            conditions.add("lower(name) like :pattern escape '\\'");
            params.put("pattern", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** The single character of a one-character query, else its distinct adjacent pairs (as name_grams() makes them). */
    static List<String> grams(String q) {
        if (q.codePointCount(0, q.length()) == 1) {
            return List.of(q);
        }
        Set<String> grams = new LinkedHashSet<>();
        int[] points = q.codePoints().toArray();
        for (int i = 0; i + 1 < points.length; i++) {
            grams.add(new String(points, i, 2));
        }
        return new ArrayList<>(grams);
    }
}
