package io.miaopu.training.domain;

import io.miaopu.training.domain.Vocabulary.Format;
import io.miaopu.training.domain.Vocabulary.Topic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A training session (培训), recorded once held. */
@Entity
@Table(name = "training_session")
public class TrainingSession implements WrittenOnce {

    @Id
    public UUID id;
    public String title;
    @Enumerated(EnumType.STRING)
    public Format format;
    /** Comma-separated {@link Topic} names. */
    public String topics;
    @Column(name = "organizing_division")
    public String organizingDivision;
    @Column(name = "held_on")
    public LocalDate heldOn;
    public BigDecimal hours;
    public String trainer;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt;

    public List<Topic> topicList() {
        return topics == null || topics.isBlank() ? List.of()
                : Arrays.stream(topics.split(",")).map(Topic::valueOf).sorted().toList();
    }

    public void topicSet(Set<Topic> chosen) {
        topics = EnumSet.copyOf(chosen).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    /** The session as the change log keeps it. */
    public record State(UUID id, String title, Format format, List<Topic> topics, String organizingDivision, LocalDate heldOn,
                        BigDecimal hours, String trainer) {
    }

    public State state() {
        return new State(id, title, format, topicList(), organizingDivision, heldOn, hours, trainer);
    }

    @Override
    public String aggregateId() {
        return id.toString();
    }
}
