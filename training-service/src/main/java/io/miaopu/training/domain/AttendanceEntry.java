package io.miaopu.training.domain;

import io.miaopu.training.domain.Vocabulary.EntryKind;
import io.miaopu.training.domain.Vocabulary.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One entry of the append-only attendance ledger: RECORDED is one person-time (人次), REVERSED
 * cancels one RECORDED entry with a reason. The trainee's role, division and township are kept as
 * they were when the entry was made.
 */
@Entity
@Table(name = "attendance_entry")
public class AttendanceEntry implements WrittenOnce {

    @Id
    public UUID id;
    @Column(name = "session_id")
    public UUID sessionId;
    @Column(name = "trainee_id")
    public UUID traineeId;
    @Enumerated(EnumType.STRING)
    public EntryKind kind;
    public UUID reverses;
    public String reason;
    @Enumerated(EnumType.STRING)
    @Column(name = "trainee_role")
    public Role traineeRole;
    @Column(name = "trainee_division")
    public String traineeDivision;
    @Column(name = "township_code")
    public String townshipCode;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    /** The entry as the change log keeps it (written once: no state before). */
    public record State(UUID id, UUID sessionId, UUID traineeId, EntryKind kind, UUID reverses, String reason, Role traineeRole,
                        String traineeDivision, String townshipCode) {
    }

    public State state() {
        return new State(id, sessionId, traineeId, kind, reverses, reason, traineeRole, traineeDivision, townshipCode);
    }

    /**
     * The session's ledger the entry belongs to: its history and its events are keyed by the session, so that a
     * session's entries stay in ledger order on the topic.
     */
    @Override
    public String aggregateId() {
        return sessionId.toString();
    }
}
