package io.miaopu.registry.contract.replica;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * An organization as registry-service last announced it, in a service that keeps a replica (its own
 * migration creates {@code organization_replica}); written only by {@link OrganizationReplica}.
 */
@Entity
@Table(name = "organization_replica")
public class OrganizationReplicaEntry extends PanacheEntityBase {

    public static final String DEREGISTERED = "DEREGISTERED";

    @Id
    public UUID id;
    public String name;
    @Column(name = "community_code")
    public String communityCode;
    public String status;
    public long version;
}
