package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.chassis.write.ChangeType;
import io.miaopu.chassis.write.Outcome;
import io.miaopu.chassis.write.Writes;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.domain.Enrollment;
import io.miaopu.incubation.domain.Incubator;
import io.miaopu.incubation.contract.IncubationEvents;
import io.miaopu.incubation.mapping.IncubatorMapper;
import io.miaopu.incubation.repository.DivisionRepository;
import io.miaopu.incubation.repository.EnrollmentRepository;
import io.miaopu.incubation.repository.IncubatorRepository;
import io.miaopu.incubation.service.api.IncubatorApi;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Incubators and platforms at every level, and the organizations they incubate. Writes follow the
 * jurisdiction of the incubator's division; a province-level platform (the one serving Leshan) is
 * recorded by the city bureau.
 */
@ApplicationScoped
public class IncubatorService {

    /** An incubator's change types, as its history names them. */
    public enum IncubatorChange implements ChangeType { OPENED, UPDATED, CLOSED }

    /** An enrollment's change types, as its history names them. */
    public enum EnrollmentChange implements ChangeType { STARTED, GRADUATED, WITHDRAWN }

    /** Incubators in the change log and their events: the state is {@code IncubatorState}, also the event payload. */
    public static final AggregateKind<Incubator> INCUBATOR = AggregateKind.of("incubator", "incubator", "孵化平台",
            i -> i.divisionCode, IncubatorMapper::toState);

    /** Enrollments: the state ({@code EnrollmentState}, also the event payload) names the incubator's division. */
    public static final AggregateKind<Enrollment> ENROLLMENT = AggregateKind.of("enrollment", "enrollment", "入孵记录",
            e -> e.divisionCode, IncubatorMapper::toState);

    private final IncubatorRepository incubators;
    private final EnrollmentRepository enrollments;
    private final DivisionRepository divisions;
    private final References references;
    private final Writes writes;
    private final ChangeLog changes;

    public IncubatorService(IncubatorRepository incubators, EnrollmentRepository enrollments, DivisionRepository divisions,
                            References references, Writes writes, ChangeLog changes) {
        this.incubators = incubators;
        this.enrollments = enrollments;
        this.divisions = divisions;
        this.references = references;
        this.writes = writes;
        this.changes = changes;
    }

    @WithTransaction
    public Uni<Incubator> open(IncubatorApi.Open command, Caller caller) {
        return references.activeDivisionAt(command.divisionCode(), command.level(), "divisionCode")
                .call(division -> requireWrite(caller, division))
                .call(() -> operator(command.operatorOrganizationId()))
                .chain(division -> {
                    Incubator incubator = new Incubator();
                    incubator.id = UUID.randomUUID();
                    incubator.name = Inputs.requireText(command.name(), "name");
                    incubator.level = division.level;
                    incubator.divisionCode = division.code;
                    incubator.type = command.type();
                    incubator.operatorOrganizationId = command.operatorOrganizationId();
                    incubator.serviceSet(command.services());
                    incubator.openedOn = command.openedOn();
                    incubator.version = 1;
                    incubator.createdAt = Writes.now();
                    incubator.updatedAt = incubator.createdAt;
                    return writes.create(INCUBATOR, new Writes.Recorded<>(incubator, IncubatorChange.OPENED, null,
                            null, caller.actor(), IncubationEvents.INCUBATOR_OPENED, incubator.createdAt));
                });
    }

    @WithTransaction
    public Uni<Incubator> update(UUID id, IncubatorApi.Update command, String ifMatch, Caller caller) {
        return writes.change(INCUBATOR, lock(id), caller)
                .guard(incubator -> requireChange(caller, incubator.divisionCode, INCUBATOR::notFound))
                .require(IncubatorService::requireOpen)
                .ifMatchOrBodyVersion(ifMatch, command.version(), "version")
                .check(incubator -> operator(command.operatorOrganizationId()))
                .apply(incubator -> {
                    incubator.name = Inputs.requireText(command.name(), "name");
                    incubator.type = command.type();
                    incubator.operatorOrganizationId = command.operatorOrganizationId();
                    incubator.serviceSet(command.services());
                    incubator.openedOn = command.openedOn();
                    return Outcome.of(IncubatorChange.UPDATED, command.reason(), IncubationEvents.INCUBATOR_UPDATED);
                });
    }

    @WithTransaction
    public Uni<Incubator> close(UUID id, IncubatorApi.Close command, String ifMatch, Caller caller) {
        return writes.change(INCUBATOR, lock(id), caller)
                .guard(incubator -> requireChange(caller, incubator.divisionCode, INCUBATOR::notFound))
                .ifMatchWhenSent(ifMatch)
                .check(incubator -> enrollments.openIn(incubator.id).invoke(open -> {
                    if (open > 0) {
                        throw new ProblemException(ProblemType.CONFLICT, open + " organizations are still incubated here; end "
                                + "their enrollments first.", "仍有 " + open + " 个组织在孵，请先办理出壳或退出。");
                    }
                }))
                .apply(incubator -> {
                    requireOpen(incubator);
                    Dates.notBefore(command.closedOn(), incubator.openedOn, "closedOn");
                    incubator.closedOn = command.closedOn();
                    incubator.closeReason = command.reason();
                    return Outcome.of(IncubatorChange.CLOSED, command.reason(), IncubationEvents.INCUBATOR_CLOSED);
                });
    }

    @WithSession
    public Uni<Incubator> get(UUID id, Caller caller) {
        return find(id).call(incubator -> divisions.findById(incubator.divisionCode).chain(d -> requireRead(caller, d, id)));
    }

    @WithSession
    public Uni<List<ChangeLog.Entry>> history(UUID id, Caller caller) {
        return get(id, caller).chain(incubator -> changes.history(INCUBATOR.type(), id.toString()));
    }

    /**
     * In a division and everything under it (default: your jurisdiction). Province-level platforms
     * are visible to every reader: they are added to a list of your whole jurisdiction, and asking
     * for the province lists them with what your jurisdiction holds, never beyond it.
     */
    @WithSession
    public Uni<Page<Incubator>> list(String division, Incubator.Type type, Boolean open, int page, int size, Caller caller) {
        Uni<Boolean> province = division == null ? Uni.createFrom().item(true)
                : divisions.findById(division).map(d -> d != null && d.level == DivisionLevel.PROVINCE);
        return province
                .chain(wholeScope -> wholeScope
                        ? references.divisionsToList(null, caller).chain(this::withProvince)
                        : references.divisionsToList(division, caller))
                .chain(codes -> incubators.inDivisions(codes, type, open, page, size));
    }

    @WithTransaction
    public Uni<Enrollment> enroll(UUID incubatorId, IncubatorApi.Enroll command, Caller caller) {
        return lock(incubatorId).onItem().ifNull().failWith(() -> notFound(incubatorId))
                .call(incubator -> requireChange(caller, incubator.divisionCode, () -> notFound(incubatorId)))
                .call(() -> references.usableOrganization(command.organizationId(), "organizationId"))
                .call(incubator -> enrollments.openFor(incubatorId, command.organizationId()).invoke(open -> {
                    if (open > 0) {
                        throw Inputs.invalid(ProblemType.CONFLICT, "organizationId", "is already incubated here", "已在此孵化");
                    }
                }))
                .chain(incubator -> {
                    requireOpen(incubator);
                    Dates.notBefore(command.startedOn(), incubator.openedOn, "startedOn");
                    Enrollment enrollment = new Enrollment();
                    enrollment.id = UUID.randomUUID();
                    enrollment.incubatorId = incubatorId;
                    enrollment.organizationId = command.organizationId();
                    enrollment.startedOn = command.startedOn();
                    enrollment.version = 1;
                    enrollment.createdAt = Writes.now();
                    enrollment.updatedAt = enrollment.createdAt;
                    enrollment.divisionCode = incubator.divisionCode;
                    return writes.create(ENROLLMENT, new Writes.Recorded<>(enrollment, EnrollmentChange.STARTED, null,
                            null, caller.actor(), IncubationEvents.ENROLLMENT_STARTED, enrollment.createdAt));
                });
    }

    @WithTransaction
    public Uni<Enrollment> endEnrollment(UUID incubatorId, UUID enrollmentId, Enrollment.Outcome outcome,
                                         IncubatorApi.EndEnrollment command, String ifMatch, Caller caller) {
        return find(incubatorId)
                .call(incubator -> requireChange(caller, incubator.divisionCode, () -> notFound(incubatorId)))
                .chain(incubator -> {
                    Uni<Enrollment> locked = enrollments.findById(enrollmentId, LockModeType.PESSIMISTIC_WRITE).map(enrollment -> {
                        if (enrollment == null || !enrollment.incubatorId.equals(incubatorId)) {
                            throw new ProblemException(ProblemType.NOT_FOUND, "No enrollment " + enrollmentId + " here.",
                                    "入孵记录不存在。");
                        }
                        enrollment.divisionCode = incubator.divisionCode;
                        return enrollment;
                    });
                    return writes.change(ENROLLMENT, locked, caller)
                            .ifMatchWhenSent(ifMatch)
                            .apply(enrollment -> {
                                if (enrollment.endedOn != null) {
                                    throw new ProblemException(ProblemType.CONFLICT,
                                            "The enrollment already ended (" + enrollment.outcome + ").", "该入孵记录已结束。");
                                }
                                Dates.notBefore(command.endedOn(), enrollment.startedOn, "endedOn");
                                enrollment.endedOn = command.endedOn();
                                enrollment.outcome = outcome;
                                enrollment.endReason = command.reason();
                                return outcome == Enrollment.Outcome.GRADUATED
                                        ? Outcome.of(EnrollmentChange.GRADUATED, command.reason(), IncubationEvents.ENROLLMENT_GRADUATED)
                                        : Outcome.of(EnrollmentChange.WITHDRAWN, command.reason(), IncubationEvents.ENROLLMENT_WITHDRAWN);
                            });
                });
    }

    @WithSession
    public Uni<Enrollment> enrollment(UUID incubatorId, UUID enrollmentId, Caller caller) {
        return get(incubatorId, caller).chain(incubator -> enrollments.findById(enrollmentId)).invoke(enrollment -> {
            if (enrollment == null || !enrollment.incubatorId.equals(incubatorId)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No enrollment " + enrollmentId + " here.", "入孵记录不存在。");
            }
        });
    }

    @WithSession
    public Uni<List<ChangeLog.Entry>> enrollmentHistory(UUID incubatorId, UUID enrollmentId, Caller caller) {
        return enrollment(incubatorId, enrollmentId, caller)
                .chain(e -> changes.history(ENROLLMENT.type(), enrollmentId.toString()));
    }

    @WithSession
    public Uni<List<Enrollment>> enrollments(UUID incubatorId, Caller caller) {
        return get(incubatorId, caller).chain(incubator -> incubators.enrollments(incubatorId));
    }

    private Uni<List<String>> withProvince(List<String> codes) {
        return divisions.list("level", DivisionLevel.PROVINCE).map(provinces -> {
            List<String> all = new ArrayList<>(codes);
            provinces.forEach(p -> all.add(p.code));
            return all;
        });
    }

    private Uni<Void> requireWrite(Caller caller, Division division) {
        if (division.level == DivisionLevel.PROVINCE) {
            return caller.roles().contains(Jurisdiction.CITY_ADMIN) ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "Only the city bureau records the province-level platform.", "省级平台仅由市民政局登记。"));
        }
        return Jurisdiction.requireWrite(caller, division.code, divisions);
    }

    /** An existing incubator: unseen is a 404 like a missing one (a province-level one is seen by every reader). */
    private Uni<Void> requireRead(Caller caller, Division division, UUID id) {
        return requireRead(caller, division, () -> notFound(id));
    }

    private Uni<Void> requireRead(Caller caller, Division division, Supplier<ProblemException> notFound) {
        if (division.level == DivisionLevel.PROVINCE) {
            return Jurisdiction.readScope(caller).isPresent() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(notFound.get());
        }
        return Jurisdiction.requireVisible(caller, division.code, divisions, notFound);
    }

    /**
     * A change of an existing incubator (or of its enrollments): unseen 404 (the answer for a missing incubator),
     * seen but not writable 403.
     */
    private Uni<Void> requireChange(Caller caller, String divisionCode, Supplier<ProblemException> notFound) {
        return divisions.findById(divisionCode).chain(division -> requireRead(caller, division, notFound)
                .chain(() -> requireWrite(caller, division)));
    }

    private Uni<Void> operator(UUID organizationId) {
        return organizationId == null ? Uni.createFrom().voidItem()
                : references.usableOrganization(organizationId, "operatorOrganizationId").replaceWithVoid();
    }

    private Uni<Incubator> find(UUID id) {
        return incubators.findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    private Uni<Incubator> lock(UUID id) {
        return incubators.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No incubator " + id + ".", "孵化平台不存在。");
    }

    private static void requireOpen(Incubator incubator) {
        if (!incubator.open()) {
            throw new ProblemException(ProblemType.CONFLICT, "The incubator closed on " + incubator.closedOn + ".", "该孵化平台已关闭。");
        }
    }
}
