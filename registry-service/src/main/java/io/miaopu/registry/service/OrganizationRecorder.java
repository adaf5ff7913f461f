package io.miaopu.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.events.Outbox;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.domain.OrganizationChange;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The tail of every change of an organization, in the change's transaction: its history entry
 * (who, when, what before and after, why) and its event (the full public state) in the outbox.
 */
@ApplicationScoped
public class OrganizationRecorder {

    private static final String INSERT_HISTORY = "insert into organization_change (organization_id, version, change_type, "
            + "before_state, after_state, reason, changed_by, changed_at) "
            + "select r.organization_id, r.version, r.change_type, r.before_state, r.after_state, r.reason, r.changed_by, r.changed_at "
            + "from rows from (jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as (organization_id uuid, version bigint, "
            + "change_type text, before_state jsonb, after_state jsonb, reason text, changed_by text, changed_at timestamptz)) "
            + "with ordinality as r(organization_id, version, change_type, before_state, after_state, reason, changed_by, "
            + "changed_at, n) order by r.n";

    private final Outbox outbox;
    private final ObjectMapper json;

    public OrganizationRecorder(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** The state a history entry keeps (the whole record, leader included: histories are not public). */
    public String snapshot(Organization organization) {
        return json(organization.snapshot());
    }

    /** One change of an organization, as {@link #recordAll} writes it. */
    public record Change(Organization organization, OrganizationChange.Type type, String before, String reason, String actor,
                         EventType eventType) {
    }

    public Uni<Void> record(Organization organization, OrganizationChange.Type type, String before, String reason, String actor,
                            EventType eventType) {
        return recordAll(List.of(new Change(organization, type, before, reason, actor, eventType)));
    }

    /**
     * The history entries and events of many changes in two statements (an import chunk's hundreds of
     * organizations cost two round trips), after the organizations themselves are flushed.
     */
    public Uni<Void> recordAll(List<Change> recorded) {
        if (recorded.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ArrayNode rows = json.createArrayNode();
        List<Outbox.Pending> events = new ArrayList<>(recorded.size());
        for (Change c : recorded) {
            Organization o = c.organization();
            ObjectNode row = rows.addObject().put("organization_id", o.id.toString()).put("version", o.version)
                    .put("change_type", c.type().name()).put("reason", c.reason()).put("changed_by", c.actor())
                    .put("changed_at", o.updatedAt.truncatedTo(ChronoUnit.MICROS).toString()); // as the driver binds updated_at
            row.set("after_state", json.valueToTree(o.snapshot()));
            row.set("before_state", c.before() == null ? null : read(c.before()));
            events.add(new Outbox.Pending(c.eventType(), o.id.toString(), OrganizationMapper.toState(o)));
        }
        return Panache.getSession().chain(Mutiny.Session::flush)
                .chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery(INSERT_HISTORY)
                        .setParameter("rows", rows.toString()).executeUpdate())
                .chain(() -> outbox.appendAll(events))
                .replaceWithVoid();
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
