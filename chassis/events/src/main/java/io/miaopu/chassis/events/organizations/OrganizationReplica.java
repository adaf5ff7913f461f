package io.miaopu.chassis.events.organizations;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Set;
import java.util.UUID;

/**
 * A service's replica of the organizations registry-service announces (registered, filed, updated,
 * status changed), so that it can refuse a reference to an unknown or deregistered organization
 * without calling registry. Events of one organization arrive in publication order (keyed by its
 * id), so each simply replaces the row.
 */
public class OrganizationReplica {

    /** The registry events that carry an organization's state. */
    public static final Set<String> STATE_EVENTS = Set.of(
            "io.miaopu.registry.organization.registered.v1",
            "io.miaopu.registry.organization.filed.v1",
            "io.miaopu.registry.organization.updated.v1",
            "io.miaopu.registry.organization.status-changed.v1");

    private static final String UPSERT = "insert into organization_replica (id, name, community_code, status, version, updated_at) "
            + "values (:id, :name, :community, :status, :version, now()) on conflict (id) do update set "
            + "name = excluded.name, community_code = excluded.community_code, status = excluded.status, "
            + "version = excluded.version, updated_at = now()";

    /** What a replica reads of the organization events. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(UUID id, String name, String communityCode, String status, long version) {
    }

    private final ObjectMapper json;

    public OrganizationReplica(ObjectMapper json) {
        this.json = json;
    }

    /** Applies one registry event (others are ignored); call inside the inbox's transaction. */
    public Uni<Void> apply(EventEnvelope event) {
        if (!STATE_EVENTS.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        State state = event.dataAs(json, State.class);
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("id", state.id())
                .setParameter("name", state.name())
                .setParameter("community", state.communityCode())
                .setParameter("status", state.status())
                .setParameter("version", state.version())
                .executeUpdate()).replaceWithVoid();
    }

    /** An organization registry knows and has not deregistered; else a 422 naming the field. */
    public Uni<OrganizationReplicaEntry> usable(UUID id, String field) {
        return OrganizationReplicaEntry.<OrganizationReplicaEntry>findById(id).invoke(organization -> {
            if (organization == null) {
                throw Inputs.invalid(ProblemType.RULE_VIOLATION, field, "unknown organization", "组织不存在");
            }
            if (OrganizationReplicaEntry.DEREGISTERED.equals(organization.status)) {
                throw Inputs.invalid(ProblemType.RULE_VIOLATION, field, "the organization is deregistered", "该组织已注销");
            }
        });
    }
}
