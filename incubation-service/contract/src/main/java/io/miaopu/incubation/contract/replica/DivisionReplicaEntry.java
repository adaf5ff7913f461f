package io.miaopu.incubation.contract.replica;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of this service's replica of the division hierarchy, for queries; written only by {@link DivisionReplica}. */
@Entity
@Table(name = "division_replica")
public class DivisionReplicaEntry extends PanacheEntityBase {

    @Id
    public String code;
    public String name;
    public String level;
    @Column(name = "parent_code")
    public String parentCode;
    public String kind;
    public boolean active;
    public long revision;
}
