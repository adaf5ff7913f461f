package io.miaopu.metrics.rebuild;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One admin rebuild of the projections: RUNNING, then COMPLETED or FAILED. */
@Entity
@Table(name = "projection_rebuild")
public class RebuildRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String status;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    public long events;
    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;
    public String error;
}
