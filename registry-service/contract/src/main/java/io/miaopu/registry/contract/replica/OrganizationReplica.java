package io.miaopu.registry.contract.replica;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.registry.contract.RegistryEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A service's replica of the organizations registry-service announces (registered, filed, updated,
 * status changed), so that it can refuse a reference to an unknown or deregistered organization
 * without calling registry. An event replaces the row only when it carries a higher {@code version}
 * (registry bumps it with every change of the organization, under its row lock): the replica keeps the
 * newest state whatever is replayed (a group moved back, a redelivery), in any order and any number of
 * times, without relying on the inbox's claims.
 */
public class OrganizationReplica {

    /** The registry events that carry an organization's state. */
    public static final Set<String> STATE_EVENTS = RegistryEvents.ORGANIZATION_STATE_TYPES;

    /** Many organizations' states in one statement (each id once); an older version never overwrites a newer one. */
    private static final String UPSERT = "insert into organization_replica as o (id, name, community_code, status, version, updated_at) "
            + "select r.id, r.name, r.community_code, r.status, r.version, now() from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) "
            + "as r(id uuid, name text, community_code text, status text, version bigint) on conflict (id) do update set "
            + "name = excluded.name, community_code = excluded.community_code, status = excluded.status, "
            + "version = excluded.version, updated_at = now() where o.version < excluded.version";

    /** What a replica reads of the organization events. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record State(UUID id, String name, String communityCode, String status, long version) {
    }

    private final ObjectMapper json;

    public OrganizationReplica(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Applies registry events (others are ignored), in one statement whatever their number: the highest
     * version of each organization replaces its row if the row holds a lower one. Call inside a transaction.
     */
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        Map<UUID, State> last = new LinkedHashMap<>();
        for (EventEnvelope event : events) {
            if (STATE_EVENTS.contains(event.type())) {
                State state = event.dataAs(json, State.class);
                last.merge(state.id(), state, (a, b) -> b.version() > a.version() ? b : a);
            }
        }
        if (last.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = json.createArrayNode();
        last.values().forEach(state -> rows.addObject().put("id", state.id().toString()).put("name", state.name())
                .put("community_code", state.communityCode()).put("status", state.status()).put("version", state.version()));
        return Panache.getSession().chain(session -> session.createNativeQuery(UPSERT)
                .setParameter("rows", rows.toString())
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
