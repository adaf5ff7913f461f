package io.miaopu.training.service;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.Writes;
import io.miaopu.training.domain.ExamResult;
import io.miaopu.training.domain.ExamSupport;
import io.miaopu.training.domain.Trainee;
import io.miaopu.training.domain.Vocabulary.ExamChange;
import io.miaopu.training.contract.TrainingEvents;
import io.miaopu.training.mapping.TrainingMapper;
import io.miaopu.training.repository.ExamRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Support for the national social-worker qualification exam (考试教材、考前培训、考试费用) and its
 * results, recorded within the jurisdiction of the division the trainee serves.
 */
@ApplicationScoped
public class ExamService {

    static final int FIRST_EXAM_YEAR = 2008;

    private final TraineeService trainees;
    private final ExamRepository exams;
    private final Places places;
    private final Writes writes;

    public ExamService(TraineeService trainees, ExamRepository exams, Places places, Writes writes) {
        this.trainees = trainees;
        this.exams = exams;
        this.places = places;
        this.writes = writes;
    }

    @WithTransaction
    public Uni<ExamSupport> grant(Training.ExamSupportInput in, Caller caller) {
        FieldChecks checks = new FieldChecks().required(in.traineeId(), "traineeId").required(in.kind(), "kind");
        if (in.amountFen() == null) {
            checks.add("amountFen", "is required", "必填");
        } else if (in.amountFen() <= 0 || in.amountFen() > 100_000_000L) {
            checks.add("amountFen", "must be more than 0 fen and at most 1,000,000 yuan", "须大于 0 分且不超过 100 万元");
        }
        checks.notFuture(in.grantedOn(), "grantedOn", Checks.today()).text(in.note(), "note", 500, false).reject();
        return writableTrainee(in.traineeId(), caller).chain(trainee -> {
            ExamSupport s = new ExamSupport();
            s.id = UUID.randomUUID();
            s.traineeId = trainee.id;
            s.kind = in.kind();
            s.amountFen = in.amountFen();
            s.grantedOn = in.grantedOn();
            s.note = in.note() == null || in.note().isBlank() ? null : in.note().strip();
            s.recordedBy = caller.actor();
            s.recordedAt = Writes.now();
            return places.townshipOf(trainee.divisionCode).chain(township -> writes.create(supports(trainee, township), s,
                    caller.actor(), ExamChange.SUPPORT_GRANTED, TrainingEvents.EXAM_SUPPORT_GRANTED));
        });
    }

    @WithTransaction
    public Uni<ExamResult> recordResult(Training.ExamResultInput in, Caller caller) {
        FieldChecks checks = new FieldChecks().required(in.traineeId(), "traineeId");
        if (in.year() == null) {
            checks.add("year", "is required", "必填");
        } else if (in.year() < FIRST_EXAM_YEAR || in.year() > Checks.today().getYear()) {
            checks.add("year", "must be from " + FIRST_EXAM_YEAR + " to this year", "须在 " + FIRST_EXAM_YEAR + " 年至今年之间");
        }
        checks.required(in.level(), "level").required(in.passed(), "passed").reject();
        return writableTrainee(in.traineeId(), caller)
                .call(trainee -> exams.count("ExamResult", "traineeId = ?1 and year = ?2 and level = ?3", trainee.id, in.year(),
                        in.level()).invoke(n -> {
                            if (n > 0) {
                                throw Inputs.invalid(ProblemType.CONFLICT, "year", "this trainee's result at this level and year "
                                        + "is already recorded", "该学员该年度该级别的考试结果已登记");
                            }
                        }))
                .chain(trainee -> {
                    ExamResult r = new ExamResult();
                    r.id = UUID.randomUUID();
                    r.traineeId = trainee.id;
                    r.year = in.year();
                    r.level = in.level();
                    r.passed = in.passed();
                    r.recordedBy = caller.actor();
                    r.recordedAt = Writes.now();
                    return places.townshipOf(trainee.divisionCode).chain(township -> writes.create(results(trainee, township), r,
                            caller.actor(), ExamChange.RESULT_RECORDED, TrainingEvents.EXAM_RESULT_RECORDED));
                });
    }

    @WithSession
    public Uni<Page<ExamSupport>> supports(String division, UUID traineeId, int page, int size, Caller caller) {
        return places.toList(division, caller).chain(codes -> exams.page(ExamSupport.class, codes, traineeId, "grantedOn", page, size));
    }

    @WithSession
    public Uni<Page<ExamResult>> results(String division, UUID traineeId, int page, int size, Caller caller) {
        return places.toList(division, caller).chain(codes -> exams.page(ExamResult.class, codes, traineeId, "year", page, size));
    }

    /**
     * The trainee, if the caller may write where the trainee serves (unknown or unseen: 422; seen, not
     * writable: 403). A result recorded twice at once is kept once by UNIQUE (trainee, year, level): 409.
     */
    /**
     * A trainee's exam supports as {@link Writes} records them: written once, history and events keyed by the trainee;
     * the event names the trainee as role and place (township), never as a person.
     */
    static AggregateKind<ExamSupport> supports(Trainee trainee, String township) {
        return new AggregateKind<>("exam-support", "exam support", "考试帮扶", s -> trainee.divisionCode, ExamSupport::state, s -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", s.id);
            event.put("kind", s.kind);
            event.put("amountFen", s.amountFen);
            event.put("grantedOn", s.grantedOn);
            return TrainingMapper.trainee(event, trainee, township);
        });
    }

    /** A trainee's exam results, as {@link #supports}. */
    static AggregateKind<ExamResult> results(Trainee trainee, String township) {
        return new AggregateKind<>("exam-result", "exam result", "考试结果", r -> trainee.divisionCode, ExamResult::state, r -> {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("id", r.id);
            event.put("year", r.year);
            event.put("level", r.level);
            event.put("passed", r.passed);
            return TrainingMapper.trainee(event, trainee, township);
        });
    }

    private Uni<Trainee> writableTrainee(UUID id, Caller caller) {
        return trainees.known(id, "traineeId", caller).call(t -> places.requireWrite(caller, t.divisionCode));
    }
}
