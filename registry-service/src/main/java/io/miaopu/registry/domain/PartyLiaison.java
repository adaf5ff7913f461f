package io.miaopu.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A regular liaison with the community Party organization (党建联络员, 专项5 红色领航). */
@Entity
@Table(name = "party_liaison")
public class PartyLiaison {

    @Id
    public UUID id;
    @Column(name = "organization_id")
    public UUID organizationId;
    /** The liaison's name (personal data: never in events or public answers). */
    public String liaison;
    @Column(name = "party_organization")
    public String partyOrganization;
    public LocalDate since;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;
}
