package io.miaopu.incubation.domain;

import io.miaopu.chassis.write.Audited;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Funding of an organization through one of the plan's channels; amounts in fen (分), never floating point. */
@Entity
@Table(name = "funding")
public class Funding implements Audited {

    /** 政府购买服务, 公益创投, 社会支持, 工作经费 */
    public enum Channel { GOVERNMENT_PURCHASE, VENTURE_PHILANTHROPY, SOCIAL_SUPPORT, WORK_FUND }

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    /** The organization's community: where the funding counts and who may manage it. */
    @Column(name = "division_code")
    public String divisionCode;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "amount_fen")
    public long amountFen;
    public int year;
    @Column(name = "project_title")
    public String projectTitle;
    @Column(name = "cancelled_on")
    public LocalDate cancelledOn;
    @Column(name = "cancel_reason")
    public String cancelReason;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

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
