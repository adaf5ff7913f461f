package io.miaopu.chassis.write;

import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.events.probe.Probe;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The test application's audited aggregate: an item in a division, with a label and an amount. */
@Entity
@Table(name = "probe_item")
public class ProbeItem implements Audited {

    public static final EventType CHANGED = new EventType(Probe.TOPIC, "io.miaopu.chassis.probe-item.changed.v1");

    public enum Type implements ChangeType { CREATED, RELABELLED }

    /** Its own state record: what history and the event keep. */
    public record State(UUID id, String division, String label, BigDecimal amount, long version, OffsetDateTime updatedAt) {
    }

    public static final AggregateKind<ProbeItem> KIND = AggregateKind.of("probe-item", "probe item", "探针条目",
            i -> i.division, ProbeItem::state);

    @Id
    public UUID id;
    public String division;
    public String label;
    public BigDecimal amount;
    public long version;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    State state() {
        return new State(id, division, label, amount, version, updatedAt);
    }

    @Override
    public String aggregateId() {
        return id.toString();
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public void advance(OffsetDateTime at) {
        version += 1;
        updatedAt = at;
    }
}
