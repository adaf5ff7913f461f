package io.miaopu.incubation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** An organization as registry-service last announced it; written only by the event consumer. */
@Entity
@Table(name = "organization_replica")
public class OrganizationReplica {

    public static final String DEREGISTERED = "DEREGISTERED";

    @Id
    public UUID id;
    public String name;
    @Column(name = "community_code")
    public String communityCode;
    public String status;
    public long version;
}
