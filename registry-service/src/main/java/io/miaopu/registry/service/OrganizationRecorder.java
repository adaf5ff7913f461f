package io.miaopu.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.events.Outbox;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.domain.OrganizationChange;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.miaopu.registry.repository.OrganizationChangeRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tail of every change of an organization, in the change's transaction: its history entry
 * (who, when, what before and after, why) and its event (the full public state) in the outbox.
 */
@ApplicationScoped
public class OrganizationRecorder {

    private final OrganizationChangeRepository changes;
    private final Outbox outbox;
    private final ObjectMapper json;

    public OrganizationRecorder(OrganizationChangeRepository changes, Outbox outbox, ObjectMapper json) {
        this.changes = changes;
        this.outbox = outbox;
        this.json = json;
    }

    /** The state a history entry keeps (the whole record, leader included: histories are not public). */
    public String snapshot(Organization organization) {
        return json(OrganizationMapper.toResponse(organization));
    }

    public Uni<Void> record(Organization organization, OrganizationChange.Type type, String before, String reason, String actor,
                            EventType eventType) {
        OrganizationChange change = new OrganizationChange();
        change.organizationId = organization.id;
        change.version = organization.version;
        change.changeType = type.name();
        change.beforeState = before;
        change.afterState = snapshot(organization);
        change.reason = reason;
        change.changedBy = actor;
        change.changedAt = organization.updatedAt;
        return changes.persist(change)
                .chain(() -> outbox.append(eventType, organization.id.toString(), OrganizationMapper.toState(organization)))
                .replaceWithVoid();
    }

    public String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
