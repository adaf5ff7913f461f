package io.miaopu.training.service;

import io.miaopu.registry.contract.replica.OrganizationReplica;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.Preconditions;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.Outcome;
import io.miaopu.chassis.write.Writes;
import io.miaopu.training.domain.Trainee;
import io.miaopu.training.domain.Vocabulary.Role;
import io.miaopu.training.domain.Vocabulary.TraineeChange;
import io.miaopu.training.repository.TraineeRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/**
 * Trainees (学员): one per person, found again by the mobile phone. Registered and corrected within
 * the jurisdiction of the division they serve; read within the reader's jurisdiction (404 outside).
 */
@ApplicationScoped
public class TraineeService {

    /** A trainee, and whether this request registered it. */
    public record Registered(Trainee trainee, boolean created) {
    }

    /** Trainees as {@link Writes} records them: no events (a trainee is personal data), history of their own state. */
    static final AggregateKind<Trainee> KIND = new AggregateKind<>("trainee", "trainee", "学员", t -> t.divisionCode,
            Trainee::state, null);

    private final TraineeRepository trainees;
    private final Places places;
    private final OrganizationReplica organizations;
    private final Writes writes;

    public TraineeService(TraineeRepository trainees, Places places, OrganizationReplica organizations, Writes writes) {
        this.trainees = trainees;
        this.places = places;
        this.organizations = organizations;
        this.writes = writes;
    }

    /**
     * Registers a trainee, or finds the one with this phone: the same person (same name) is
     * answered as found; a different name on the phone is a 409.
     */
    @WithTransaction
    public Uni<Registered> register(Training.TraineeInput in, Caller caller) {
        Inputs.reject(problems(in));
        return findOrCreate(in, caller);
    }

    /** The checks of a trainee's facts that need nothing but the input. */
    static List<FieldError> problems(Training.TraineeInput in) {
        FieldChecks checks = new FieldChecks()
                .text(in.name(), "name", 50, true)
                .required(in.role(), "role")
                .text(in.divisionCode(), "divisionCode", 12, true);
        String phone = Checks.mobile(in.phone());
        if (phone == null || phone.isEmpty()) {
            checks.add("phone", "is required", "必填");
        } else if (!Checks.MOBILE.matcher(phone).matches()) {
            checks.add("phone", "must be an 11-digit mobile number", "须为 11 位手机号");
        }
        return checks.errors();
    }

    /**
     * For a checked input: the trainee with this phone, or a new one (in the caller's write
     * jurisdiction). The request's own facts (division active and writable, organization usable) are
     * checked before the phone is looked up, so that 409 versus 422 / 403 never tells whether a phone
     * belongs to someone somewhere in the city.
     */
    Uni<Registered> findOrCreate(Training.TraineeInput in, Caller caller) {
        String phone = Checks.mobile(in.phone());
        String name = in.name().strip();
        String division = in.divisionCode().strip();
        return places.requireActive(division, "divisionCode")
                .call(() -> places.requireWrite(caller, division))
                .call(() -> in.organizationId() == null ? Uni.createFrom().voidItem()
                        : organizations.usable(in.organizationId(), "organizationId"))
                .chain(() -> lockPhone(phone))
                .chain(() -> trainees.byPhone(phone))
                .chain(existing -> {
                    if (existing != null) {
                        return places.isReadable(caller, existing.divisionCode).map(readable -> {
                            if (!readable || !existing.name.equals(name)) {
                                throw Inputs.invalid(ProblemType.CONFLICT, "phone", "belongs to another trainee",
                                        "该手机号属于另一名学员");
                            }
                            return new Registered(existing, false);
                        });
                    }
                    return register(newTrainee(in, division), caller).map(saved -> new Registered(saved, true));
                });
    }

    /**
     * A new trainee for a sign-in sheet row already checked by shape, whose phone is known to be new
     * and locked; the division and organization checks are asked once per sheet. Not written yet: the
     * sheet writes all its new trainees at once ({@link #registerAll}).
     */
    Uni<Trainee> checkedNew(Training.TraineeInput in, Caller caller, Places.Memo memo) {
        String division = in.divisionCode().strip();
        return places.isActive(division, memo).invoke(active -> {
                    if (!active) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, "divisionCode", "is not an active division of the city",
                                "不是现行的市内区划");
                    }
                })
                .chain(() -> places.isWritable(caller, division, memo)).invoke(writable -> {
                    if (!writable) {
                        throw Inputs.invalid(ProblemType.FORBIDDEN, "divisionCode", "is outside your jurisdiction",
                                "不在您的管辖范围内");
                    }
                })
                .call(() -> in.organizationId() == null ? Uni.createFrom().voidItem()
                        : organizations.usable(in.organizationId(), "organizationId"))
                .map(writable -> newTrainee(in, division));
    }

    /** A sheet's new trainees: one persist batch, one statement for all their history. */
    Uni<List<Trainee>> registerAll(List<Trainee> fresh, Caller caller) {
        return writes.createAll(KIND, fresh, caller.actor(), t -> TraineeChange.REGISTERED, t -> null);
    }

    private Uni<Trainee> register(Trainee fresh, Caller caller) {
        return writes.create(KIND, fresh, caller.actor(), TraineeChange.REGISTERED, null);
    }

    private static Trainee newTrainee(Training.TraineeInput in, String division) {
        Trainee t = new Trainee();
        t.id = UUID.randomUUID();
        t.name = in.name().strip();
        t.role = in.role();
        t.divisionCode = division;
        t.organizationId = in.organizationId();
        t.phone = Checks.mobile(in.phone());
        t.version = 1;
        t.createdAt = Writes.now();
        t.updatedAt = t.createdAt;
        return t;
    }

    /** Corrects a trainee (name, role, division served, organization, phone); If-Match names the version read. */
    @WithTransaction
    public Uni<Trainee> correct(UUID id, Training.TraineeInput in, String ifMatch, Caller caller) {
        Preconditions.requireIfMatchPresent(ifMatch);
        Inputs.reject(problems(in));
        String phone = Checks.mobile(in.phone());
        String division = in.divisionCode().strip();
        return writes.change(KIND, trainees.findById(id, LockModeType.PESSIMISTIC_WRITE), caller)
                .within(places.hierarchy())
                .ifMatch(ifMatch)
                .check(t -> division.equals(t.divisionCode) ? Uni.createFrom().voidItem()
                        : places.requireActive(division, "divisionCode").call(() -> places.requireWrite(caller, division)))
                .check(t -> in.organizationId() == null ? Uni.createFrom().voidItem()
                        : organizations.usable(in.organizationId(), "organizationId"))
                .check(t -> phone.equals(t.phone) ? Uni.createFrom().voidItem()
                        : lockPhone(phone).chain(() -> trainees.byPhone(phone)).invoke(other -> {
                            if (other != null) {
                                throw Inputs.invalid(ProblemType.CONFLICT, "phone", "belongs to another trainee",
                                        "该手机号属于另一名学员");
                            }
                        }))
                .apply(t -> {
                    t.name = in.name().strip();
                    t.role = in.role();
                    t.divisionCode = division;
                    t.organizationId = in.organizationId();
                    t.phone = phone;
                    return Outcome.of(TraineeChange.CORRECTED, null, null);
                });
    }

    @WithSession
    public Uni<Trainee> get(UUID id, Caller caller) {
        return readable(trainees.findById(id), id, caller);
    }

    @WithSession
    public Uni<Page<Trainee>> list(String division, Role role, String name, int page, int size, Caller caller) {
        return places.toList(division, caller).chain(codes -> trainees.inDivisions(codes, role, name, page, size));
    }

    /** A trainee the caller may see; else a 422 naming the field (an unknown trainee, as far as the caller knows). */
    Uni<Trainee> known(UUID id, String field, Caller caller) {
        if (id == null) {
            return Uni.createFrom().failure(Inputs.invalid(ProblemType.VALIDATION, field, "is required", "必填"));
        }
        ProblemException unknown = Inputs.invalid(ProblemType.RULE_VIOLATION, field, "unknown trainee", "学员不存在");
        return trainees.findById(id).onItem().ifNull().failWith(() -> unknown)
                .call(t -> places.requireVisible(caller, t.divisionCode, () -> unknown));
    }

    /** The trainee, if the caller may read where it serves; else 404 as for no trainee. */
    private Uni<Trainee> readable(Uni<Trainee> found, UUID id, Caller caller) {
        return found.onItem().ifNull().failWith(() -> notFound(id))
                .call(t -> places.requireVisible(caller, t.divisionCode, () -> notFound(id)));
    }

    /**
     * Locks the phones of a sign-in sheet, in the order given (sorted), after the lock that lets one
     * sheet at a time hold many phone locks; single registrations take only their own phone's lock.
     */
    Uni<java.util.Map<String, Trainee>> byPhones(List<String> phones) {
        return trainees.byPhones(phones);
    }

    /**
     * Takes the sheets' lock without waiting (false when another sheet holds it: the caller rolls back and
     * retries later, its connection given back meanwhile), then the phones' locks in order. One sheet
     * at a time holds many phone locks, so that concurrent sheets never fill the server's lock table.
     */
    Uni<Boolean> lockPhones(List<String> sortedPhones) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select pg_try_advisory_xact_lock(hashtextextended('trainee-sheets', 11))", Boolean.class)
                .getSingleResult())
                .chain(locked -> !locked ? Uni.createFrom().item(false)
                        : io.smallrye.mutiny.Multi.createFrom().iterable(sortedPhones)
                        .onItem().transformToUniAndConcatenate(TraineeService::lockPhone).collect().last()
                        .replaceWith(true));
    }

    /**
     * No wait on a lock in this transaction lasts longer than {@code lockTimeout}, and no statement
     * longer than a minute: past it the statement fails (SQLSTATE 55P03 or 57014) and the connection is
     * given back, rather than held by a waiting request.
     */
    Uni<Void> boundWaits(String lockTimeout) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select set_config('lock_timeout', :lock, true) || set_config('statement_timeout', '60s', true)", String.class)
                .setParameter("lock", lockTimeout).getSingleResult()).replaceWithVoid();
    }

    /** Serializes registrations of one phone until commit, so that one person never becomes two trainees. */
    private static Uni<Void> lockPhone(String phone) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select cast(pg_advisory_xact_lock(hashtextextended(:phone, 11)) as text)", String.class)
                .setParameter("phone", "trainee-phone:" + phone).getSingleResult()).replaceWithVoid();
    }

    static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No trainee " + id + ".", "学员不存在。");
    }
}
