package io.miaopu.training.domain;

import io.miaopu.chassis.write.Audited;
import io.miaopu.training.domain.Vocabulary.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A person trained (学员): one row per person, found again by the mobile phone. */
@Entity
@Table(name = "trainee")
public class Trainee implements Audited {

    @Id
    public UUID id;
    /** Personal data: never in events or logs. */
    public String name;
    @Enumerated(EnumType.STRING)
    public Role role;
    @Column(name = "division_code")
    public String divisionCode;
    @Column(name = "organization_id")
    public UUID organizationId;
    /** The stable key of the person (11-digit mobile). Personal data: never in events, logs or public answers. */
    public String phone;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /**
     * The trainee's own state as the change log keeps it before and after a change (the database's own history: the
     * name and phone are personal data, kept here as in the row itself, never in events, logs or public answers).
     */
    public record State(UUID id, String name, Role role, String divisionCode, UUID organizationId, String phone) {
    }

    public State state() {
        return new State(id, name, role, divisionCode, organizationId, phone);
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
