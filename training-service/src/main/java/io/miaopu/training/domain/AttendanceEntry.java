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
public class AttendanceEntry {

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
}
