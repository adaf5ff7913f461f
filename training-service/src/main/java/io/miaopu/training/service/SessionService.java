package io.miaopu.training.service;

import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.Writes;
import io.miaopu.training.domain.TrainingSession;
import io.miaopu.training.domain.Vocabulary.Format;
import io.miaopu.training.domain.Vocabulary.SessionChange;
import io.miaopu.training.contract.TrainingEvents;
import io.miaopu.training.mapping.TrainingMapper;
import io.miaopu.training.repository.EntryRepository;
import io.miaopu.training.repository.SessionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** Training sessions (培训), recorded once held, by those whose jurisdiction holds the organizing division. */
@ApplicationScoped
public class SessionService {

    private static final BigDecimal MAX_HOURS = BigDecimal.valueOf(200);

    private final SessionRepository sessions;
    private final EntryRepository entries;
    private final Places places;
    private final Writes writes;

    /** Sessions as {@link Writes} records them: written once (HELD), history of their own state, the held event. */
    static final AggregateKind<TrainingSession> KIND = new AggregateKind<>("training-session", "training session", "培训",
            s -> s.organizingDivision, TrainingSession::state, TrainingMapper::sessionHeld);

    public SessionService(SessionRepository sessions, EntryRepository entries, Places places, Writes writes) {
        this.sessions = sessions;
        this.entries = entries;
        this.places = places;
        this.writes = writes;
    }

    @WithTransaction
    public Uni<TrainingSession> record(Training.SessionInput in, Caller caller) {
        FieldChecks checks = new FieldChecks()
                .text(in.title(), "title", 200, true)
                .required(in.format(), "format");
        if (in.topics() == null || in.topics().isEmpty()) {
            checks.add("topics", "needs at least one topic", "至少一项培训内容");
        } else if (in.topics().contains(null) || new HashSet<>(in.topics()).size() != in.topics().size()) {
            checks.add("topics", "names a topic twice or an empty one", "培训内容重复或为空");
        }
        checks.text(in.organizingDivision(), "organizingDivision", 12, true)
                .notFuture(in.heldOn(), "heldOn", Checks.today());
        if (in.hours() == null) {
            checks.add("hours", "is required", "必填");
        } else if (in.hours().signum() <= 0 || in.hours().compareTo(MAX_HOURS) > 0 || in.hours().stripTrailingZeros().scale() > 1) {
            checks.add("hours", "must be more than 0 and at most 200, to one decimal", "须大于 0、不超过 200，至多一位小数");
        }
        checks.text(in.trainer(), "trainer", 50, false).reject();
        String division = in.organizingDivision().strip();
        return places.requireActive(division, "organizingDivision")
                .call(() -> places.requireWrite(caller, division))
                .chain(() -> {
                    TrainingSession s = new TrainingSession();
                    s.id = UUID.randomUUID();
                    s.title = in.title().strip();
                    s.format = in.format();
                    s.topicSet(EnumSet.copyOf(in.topics()));
                    s.organizingDivision = division;
                    s.heldOn = in.heldOn();
                    s.hours = in.hours().stripTrailingZeros().setScale(1, java.math.RoundingMode.UNNECESSARY);
                    s.trainer = in.trainer() == null || in.trainer().isBlank() ? null : in.trainer().strip();
                    s.recordedBy = caller.actor();
                    s.recordedAt = Writes.now();
                    return writes.create(KIND, s, caller.actor(), SessionChange.HELD, TrainingEvents.SESSION_HELD);
                });
    }

    @WithSession
    public Uni<TrainingSession> get(UUID id, Caller caller) {
        return readable(sessions.findById(id), id, caller);
    }

    /** 404 or 403 unless the caller may write the session's ledger (checked before an upload is read; no lock). */
    @WithSession
    public Uni<Void> requireWritable(UUID id, Caller caller) {
        return writable(sessions.findById(id), id, caller).replaceWithVoid();
    }

    /** The session, locked for a change of its ledger, if the caller may write where it was organized. */
    Uni<TrainingSession> lockForWrite(UUID id, Caller caller) {
        return writable(sessions.findById(id, LockModeType.PESSIMISTIC_WRITE), id, caller);
    }

    @WithSession
    public Uni<Page<Training.SessionResponse>> list(String division, LocalDate from, LocalDate to, Format format, int page,
                                                      int size, Caller caller) {
        return places.toList(division, caller)
                .chain(codes -> sessions.inDivisions(codes, from, to, format, page, size))
                .chain(found -> entries.personTimes(found.items().stream().map(s -> s.id).toList())
                        .map(net -> found.map(s -> TrainingMapper.toResponse(s, net.getOrDefault(s.id, 0L)))));
    }

    @WithSession
    public Uni<Long> personTimes(UUID sessionId) {
        return entries.personTimes(List.of(sessionId)).map(net -> net.getOrDefault(sessionId, 0L));
    }

    /** The session, if the caller may read where it was organized; else 404 as for no session. */
    private Uni<TrainingSession> readable(Uni<TrainingSession> found, UUID id, Caller caller) {
        return found.onItem().ifNull().failWith(() -> notFound(id))
                .call(s -> places.requireVisible(caller, s.organizingDivision, () -> notFound(id)));
    }

    /** The session, if the caller may write where it was organized: unseen 404, seen but not writable 403. */
    private Uni<TrainingSession> writable(Uni<TrainingSession> found, UUID id, Caller caller) {
        return found.onItem().ifNull().failWith(() -> notFound(id))
                .call(s -> places.requireChange(caller, s.organizingDivision, () -> notFound(id)));
    }

    static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No training session " + id + ".", "培训不存在。");
    }
}
