package io.miaopu.training.domain;

import io.miaopu.training.domain.Vocabulary.ExamLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A result of the national social-worker qualification exam (职业资格考试结果). */
@Entity
@Table(name = "exam_result")
public class ExamResult implements WrittenOnce {

    @Id
    public UUID id;
    @Column(name = "trainee_id")
    public UUID traineeId;
    public int year;
    @Enumerated(EnumType.STRING)
    public ExamLevel level;
    public boolean passed;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    /** The result as the change log keeps it. */
    public record State(UUID id, UUID traineeId, int year, ExamLevel level, boolean passed) {
    }

    public State state() {
        return new State(id, traineeId, year, level, passed);
    }

    /** The trainee's: history and events (keyed by the trainee) name the trainee whose result it is. */
    @Override
    public String aggregateId() {
        return traineeId.toString();
    }
}
