package io.miaopu.incubation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.events.Outbox;
import io.miaopu.chassis.security.Caller;
import io.miaopu.incubation.domain.StructureChange;
import io.miaopu.incubation.repository.StructureChangeRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The tail of every change of a support structure, in the change's transaction: its history entry
 * (state before and after) and its event (the full new state) in the outbox.
 */
@ApplicationScoped
public class StructureRecorder {

    private final StructureChangeRepository changes;
    private final Outbox outbox;
    private final ObjectMapper json;

    public StructureRecorder(StructureChangeRepository changes, Outbox outbox, ObjectMapper json) {
        this.changes = changes;
        this.outbox = outbox;
        this.json = json;
    }

    public Uni<Void> record(String structureType, UUID id, long version, String changeType, String before, Object state,
                            String reason, Caller caller, OffsetDateTime at, EventType eventType) {
        StructureChange change = new StructureChange();
        change.structureType = structureType;
        change.structureId = id;
        change.changeType = changeType;
        change.version = version;
        change.beforeState = before;
        change.afterState = json(state);
        change.reason = reason;
        change.changedBy = caller.actor();
        change.changedAt = at;
        return changes.persist(change)
                .chain(() -> outbox.append(eventType, id.toString(), state))
                .replaceWithVoid();
    }

    public String json(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
