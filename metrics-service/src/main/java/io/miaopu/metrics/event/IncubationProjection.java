package io.miaopu.metrics.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.EventEnvelope;
import io.miaopu.chassis.events.Inbox;
import io.miaopu.chassis.events.InboxConsumer;
import io.miaopu.incubation.contract.IncubationEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The support structures the targets count, from incubation's events (each carries the structure's
 * full state): hub federations (T8, T9), hub demonstrations (T11), incubators and platforms (T12).
 * The newest version of each structure replaces its row.
 */
@ApplicationScoped
public class IncubationProjection implements InboxConsumer {

    public static final String CONSUMER = "incubation";

    @Override
    public String consumerName() {
        return CONSUMER;
    }

    private static final String FEDERATION = "insert into federation_projection (id, township_code, established_on, dissolved_on, version) "
            + "values (:id, :division, :from, :until, :version) on conflict (id) do update set township_code = excluded.township_code, "
            + "established_on = excluded.established_on, dissolved_on = excluded.dissolved_on, version = excluded.version "
            + "where federation_projection.version < excluded.version";
    private static final String DEMONSTRATION = "insert into hub_demonstration_projection "
            + "(id, organization_id, division_code, certified_on, revoked_on, version) "
            + "values (:id, :organization, :division, :from, :until, :version) on conflict (id) do update set "
            + "organization_id = excluded.organization_id, division_code = excluded.division_code, "
            + "certified_on = excluded.certified_on, revoked_on = excluded.revoked_on, version = excluded.version "
            + "where hub_demonstration_projection.version < excluded.version";
    private static final String INCUBATOR = "insert into incubator_projection (id, level, division_code, opened_on, closed_on, version) "
            + "values (:id, :level, :division, :from, :until, :version) on conflict (id) do update set level = excluded.level, "
            + "division_code = excluded.division_code, opened_on = excluded.opened_on, closed_on = excluded.closed_on, "
            + "version = excluded.version where incubator_projection.version < excluded.version";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Federation(UUID id, String townshipCode, LocalDate establishedOn, LocalDate dissolvedOn, long version) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Demonstration(UUID id, UUID organizationId, String divisionCode, LocalDate certifiedOn, LocalDate revokedOn,
                         long version) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Incubator(UUID id, String level, String divisionCode, LocalDate openedOn, LocalDate closedOn, long version) {
    }

    private final Inbox inbox;
    private final ObjectMapper json;

    public IncubationProjection(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @Incoming("incubation")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        return inbox.processBatch(this, batch);
    }

    /** Applies events never applied before, in order, inside the caller's transaction. */
    @Override
    public Uni<Void> applyAll(List<EventEnvelope> events) {
        return Inbox.eachInOrder(this::apply).apply(events);
    }

    public Uni<Void> apply(EventEnvelope event) {
        String type = event.type();
        Map<String, Object> row = new HashMap<>();
        String sql;
        if (IncubationEvents.FEDERATION_TYPES.contains(type)) {
            Federation f = event.dataAs(json, Federation.class);
            sql = FEDERATION;
            row.put("id", f.id());
            row.put("division", f.townshipCode());
            row.put("from", f.establishedOn());
            row.put("until", f.dissolvedOn());
            row.put("version", f.version());
        } else if (IncubationEvents.HUB_DEMONSTRATION_TYPES.contains(type)) {
            Demonstration d = event.dataAs(json, Demonstration.class);
            sql = DEMONSTRATION;
            row.put("id", d.id());
            row.put("organization", d.organizationId());
            row.put("division", d.divisionCode());
            row.put("from", d.certifiedOn());
            row.put("until", d.revokedOn());
            row.put("version", d.version());
        } else if (IncubationEvents.INCUBATOR_TYPES.contains(type)) {
            Incubator i = event.dataAs(json, Incubator.class);
            sql = INCUBATOR;
            row.put("id", i.id());
            row.put("level", i.level());
            row.put("division", i.divisionCode());
            row.put("from", i.openedOn());
            row.put("until", i.closedOn());
            row.put("version", i.version());
        } else {
            return ProjectionWrites.advanceClock(event.time());
        }
        return ProjectionWrites.execute(sql, row).chain(() -> ProjectionWrites.advanceClock(event.time()));
    }
}
