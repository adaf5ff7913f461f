package io.miaopu.training.domain;

import io.miaopu.training.domain.Vocabulary.ExamSupportKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Support for the national social-worker qualification exam (考试帮扶), in fen. */
@Entity
@Table(name = "exam_support")
public class ExamSupport implements WrittenOnce {

    @Id
    public UUID id;
    @Column(name = "trainee_id")
    public UUID traineeId;
    @Enumerated(EnumType.STRING)
    public ExamSupportKind kind;
    @Column(name = "amount_fen")
    public long amountFen;
    @Column(name = "granted_on")
    public LocalDate grantedOn;
    public String note;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    /** The support as the change log keeps it. */
    public record State(UUID id, UUID traineeId, ExamSupportKind kind, long amountFen, LocalDate grantedOn, String note) {
    }

    public State state() {
        return new State(id, traineeId, kind, amountFen, grantedOn, note);
    }

    /** The trainee's: history and events (keyed by the trainee) name the trainee the support went to. */
    @Override
    public String aggregateId() {
        return traineeId.toString();
    }
}
