package io.miaopu.training.service;

import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.StorableValues;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.tabular.CsvReader;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.Writes;
import io.miaopu.training.domain.AttendanceEntry;
import io.miaopu.training.domain.Trainee;
import io.miaopu.training.domain.TrainingSession;
import io.miaopu.training.domain.Vocabulary.EntryKind;
import io.miaopu.training.domain.Vocabulary.Role;
import io.miaopu.training.contract.TrainingEvents;
import io.miaopu.training.mapping.TrainingMapper;
import io.miaopu.training.repository.EntryRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The attendance ledger (签到): one entry per trainee per session is one person-time (人次). Entries
 * are only added: a correction is a reversal entry with a reason. Recording a trainee already
 * standing at the session changes nothing. All of a session's entries are written under its lock.
 */
@ApplicationScoped
public class AttendanceService {

    public static final int MAX_UPLOAD_ROWS = 2_000;
    /** The largest sign-in sheet: 2,000 rows take about 150 KiB; past this size, a 413 at once. */
    public static final long MAX_UPLOAD_BYTES = 2L * 1024 * 1024;
    static final List<String> UPLOAD_COLUMNS = List.of("name", "phone", "role", "divisionCode", "organizationId");
    static final List<String> UPLOAD_REQUIRED = List.of("name", "phone", "role", "divisionCode");

    /** An entry, and whether this request added it. */
    public record Recorded(AttendanceEntry entry, boolean created) {
    }

    private final SessionService sessions;
    private final TraineeService trainees;
    private final EntryRepository entries;
    private final Places places;
    private final Writes writes;
    private final io.vertx.mutiny.core.Vertx vertx;

    public AttendanceService(SessionService sessions, TraineeService trainees, EntryRepository entries, Places places,
                             Writes writes, io.vertx.mutiny.core.Vertx vertx) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.trainees = trainees;
        this.entries = entries;
        this.places = places;
        this.writes = writes;
    }

    /**
     * A session's attendance ledger as {@link Writes} records it: entries are only added (change type: the entry's
     * kind), history and events keyed by the session; the event carries the session's facts beside the entry's.
     * The session is locked and its jurisdiction checked before ({@link SessionService#lockForWrite}).
     */
    static AggregateKind<AttendanceEntry> ledger(TrainingSession session) {
        return new AggregateKind<>("attendance", "attendance", "签到记录", e -> session.organizingDivision,
                AttendanceEntry::state, e -> TrainingMapper.attendance(e, session));
    }

    /** Adds an entry to the session's ledger: the entry, its history row and its event. */
    private Uni<AttendanceEntry> add(TrainingSession session, AttendanceEntry e, Caller caller) {
        return writes.create(ledger(session), e, caller.actor(), e.kind,
                e.kind == EntryKind.RECORDED ? TrainingEvents.ATTENDANCE_RECORDED : TrainingEvents.ATTENDANCE_REVERSED);
    }

    @WithTransaction
    public Uni<Recorded> record(UUID sessionId, Training.AttendanceInput in, Caller caller) {
        if (in.traineeId() == null) {
            throw Inputs.invalid(ProblemType.VALIDATION, "traineeId", "is required", "必填");
        }
        return sessions.lockForWrite(sessionId, caller)
                .chain(session -> trainees.known(in.traineeId(), "traineeId", caller)
                        .chain(trainee -> attend(session, trainee, caller)));
    }

    /** Adds the trainee's person-time at the session unless one already stands. */
    private Uni<Recorded> attend(TrainingSession session, Trainee trainee, Caller caller) {
        return entries.standing(session.id, trainee.id).chain(standing -> {
            if (standing != null) {
                return Uni.createFrom().item(new Recorded(standing, false));
            }
            return places.townshipOf(trainee.divisionCode).chain(township -> {
                return add(session, newEntry(session, trainee, township, caller), caller).map(saved -> new Recorded(saved, true));
            });
        });
    }

    private static AttendanceEntry newEntry(TrainingSession session, Trainee trainee, String township, Caller caller) {
        AttendanceEntry e = new AttendanceEntry();
        e.id = UUID.randomUUID();
        e.sessionId = session.id;
        e.traineeId = trainee.id;
        e.kind = EntryKind.RECORDED;
        e.traineeRole = trainee.role;
        e.traineeDivision = trainee.divisionCode;
        e.townshipCode = township;
        e.recordedBy = caller.actor();
        e.recordedAt = Writes.now();
        return e;
    }

    /** Cancels one attendance with a reversal entry; the attendance itself is never changed. */
    @WithTransaction
    public Uni<AttendanceEntry> reverse(UUID sessionId, UUID entryId, Training.ReversalInput in, Caller caller) {
        String reason = Inputs.requireText(in.reason(), "reason");
        if (reason.length() > 500) {
            throw Inputs.invalid(ProblemType.VALIDATION, "reason", "has more than 500 characters", "超过 500 个字符");
        }
        return sessions.lockForWrite(sessionId, caller).chain(session -> entries.findById(entryId).chain(original -> {
            if (original == null || !original.sessionId.equals(sessionId)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No attendance " + entryId + " at this session.",
                        "本次培训没有该签到记录。");
            }
            if (original.kind != EntryKind.RECORDED) {
                throw new ProblemException(ProblemType.CONFLICT, "A reversal is not reversed; record the attendance again.",
                        "冲正记录不能再冲正；如需恢复请重新签到。");
            }
            return entries.isReversed(entryId).chain(reversed -> {
                if (reversed) {
                    throw new ProblemException(ProblemType.CONFLICT, "This attendance is already reversed.", "该签到已冲正。");
                }
                AttendanceEntry e = new AttendanceEntry();
                e.id = UUID.randomUUID();
                e.sessionId = sessionId;
                e.traineeId = original.traineeId;
                e.kind = EntryKind.REVERSED;
                e.reverses = original.id;
                e.reason = reason;
                e.traineeRole = original.traineeRole;
                e.traineeDivision = original.traineeDivision;
                e.townshipCode = original.townshipCode;
                e.recordedBy = caller.actor();
                e.recordedAt = Writes.now();
                return add(session, e, caller);
            });
        }));
    }

    @WithSession
    public Uni<Page<Training.EntryResponse>> entries(UUID sessionId, int page, int size, Caller caller) {
        return sessions.get(sessionId, caller)
                .chain(s -> entries.ofSession(sessionId, page, size))
                .chain(found -> entries.reversedAmong(found.items().stream().map(e -> e.id).toList())
                        .map(reversed -> found.map(e -> TrainingMapper.toResponse(e, reversed.contains(e.id)))));
    }

    /**
     * A sign-in sheet (签到表) as CSV: a header naming columns among name, phone, role, divisionCode,
     * organizationId, then up to 2,000 rows. Each good row registers its trainee if new (found again by
     * phone) and records one person-time unless already recorded; each bad row is reported with every
     * reason. The sheet was read before ({@link #readSheet}, on a worker thread, no transaction open).
     * Sheets are applied one at a time (each locks up to 2,000 phones): a sheet that finds another being
     * applied rolls back, gives its connection back and tries again a little later, for about
     * {@link #BUSY_RETRIES} attempts, then answers 503 busy with Retry-After. No wait on a lock lasts
     * longer than {@link #LOCK_TIMEOUT}. So concurrent sheets never pin the connection pool.
     */
    public Uni<Training.UploadReport> upload(UUID sessionId, ReadSheet read, Caller caller) {
        return attempt(sessionId, read, caller, 0);
    }

    static final int BUSY_RETRIES = 15;
    static final String LOCK_TIMEOUT = "5s";

    private Uni<Training.UploadReport> attempt(UUID sessionId, ReadSheet read, Caller caller, int attempt) {
        return Panache.withTransaction(() -> applySheet(sessionId, read, caller))
                .onFailure(SheetsBusy.class).recoverWithUni(busy -> {
                    if (attempt + 1 >= BUSY_RETRIES) {
                        return Uni.createFrom().failure(busy());
                    }
                    long delay = Math.min(1_000, 100L << Math.min(attempt, 4));
                    return Uni.createFrom().<Void>emitter(e -> vertx.setTimer(delay, id -> e.complete(null)))
                            .chain(() -> attempt(sessionId, read, caller, attempt + 1));
                })
                .onFailure(AttendanceService::isLockTimeout).transform(timeout -> busy());
    }

    private static ProblemException busy() {
        return new ProblemException(ProblemType.BUSY, "Other sign-in sheets are being applied; nothing of this one was "
                + "written. Send it again in a few seconds.", "其他签到表正在导入，本表未写入任何内容，请稍后重新提交。");
    }

    /** A lock waited for longer than {@link #LOCK_TIMEOUT} (SQLSTATE 55P03) or a statement stopped by its timeout (57014). */
    static boolean isLockTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : t instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if ("55P03".equals(state) || "57014".equals(state) || t instanceof org.hibernate.exception.LockTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Another sheet holds the sheets' lock: this attempt is rolled back and retried. */
    static final class SheetsBusy extends RuntimeException {
        SheetsBusy() {
            super("another sign-in sheet is being applied", null, false, false);
        }
    }

    private Uni<Training.UploadReport> applySheet(UUID sessionId, ReadSheet read, Caller caller) {
        Sheet sheet = new Sheet(read);
        Places.Memo memo = new Places.Memo();
        return trainees.boundWaits(LOCK_TIMEOUT)
                .chain(() -> sessions.lockForWrite(sessionId, caller))
                // Every phone of the sheet is locked before any row is applied, in one order, by one sheet at a
                // time: two sheets sharing people never wait on each other crosswise.
                .call(() -> trainees.lockPhones(sheet.phones()).invoke(locked -> {
                    if (!locked) {
                        throw new SheetsBusy();
                    }
                }))
                .call(() -> trainees.byPhones(sheet.phones()).invoke(found -> sheet.byPhone = found))
                .call(() -> entries.standingTrainees(sessionId).invoke(standing -> sheet.standing = standing))
                .call(session -> Multi.createFrom().range(0, sheet.inputs.size())
                        .onItem().transformToUniAndConcatenate(i -> sheet.inputs.get(i) == null ? Uni.createFrom().voidItem()
                                : applyRow(session, sheet, sheet.inputs.get(i), memo, caller)
                                .onFailure(ProblemException.class).recoverWithUni(failure -> {
                                    sheet.errors.add(new Training.RowError(sheet.rowNumbers.get(i),
                                            rowErrors((ProblemException) failure)));
                                    return Uni.createFrom().voidItem();
                                }))
                        .collect().last())
                // The rows' writes at once, in row order: the new trainees, then the entries (their history and events).
                .call(() -> trainees.registerAll(sheet.newTrainees, caller))
                .call(session -> writes.createAll(ledger(session), sheet.newEntries, caller.actor(), e -> e.kind,
                        e -> TrainingEvents.ATTENDANCE_RECORDED))
                .map(done -> {
                    sheet.errors.sort(java.util.Comparator.comparingInt(Training.RowError::row));
                    return new Training.UploadReport(sheet.rows, sheet.recorded, sheet.alreadyRecorded, sheet.registered,
                            sheet.errors.size(), List.copyOf(sheet.errors));
                });
    }

    /** A sign-in sheet as read: the inputs in order with their row numbers (null for a row refused), and the refused rows. */
    public static final class ReadSheet {
        final List<Training.TraineeInput> inputs = new ArrayList<>();
        final List<Integer> rowNumbers = new ArrayList<>();
        final List<Training.RowError> errors = new ArrayList<>();
        int rows;
    }

    /** A sign-in sheet being applied (one attempt). */
    private static final class Sheet {
        final List<Training.TraineeInput> inputs;
        final List<Integer> rowNumbers;
        final List<Training.RowError> errors;
        final int rows;
        java.util.Map<String, Trainee> byPhone;
        Set<UUID> standing;
        final List<Trainee> newTrainees = new ArrayList<>();
        final List<AttendanceEntry> newEntries = new ArrayList<>();
        int recorded;
        int alreadyRecorded;
        int registered;

        Sheet(ReadSheet read) {
            inputs = read.inputs;
            rowNumbers = read.rowNumbers;
            errors = new ArrayList<>(read.errors);
            rows = read.rows;
        }

        List<String> phones() {
            return inputs.stream().filter(java.util.Objects::nonNull).map(in -> Checks.mobile(in.phone())).sorted().distinct()
                    .toList();
        }
    }

    /** One good row: its trainee found or registered, its person-time recorded unless standing. */
    private Uni<Void> applyRow(TrainingSession session, Sheet sheet, Training.TraineeInput in, Places.Memo memo,
                               Caller caller) {
        String phone = Checks.mobile(in.phone());
        Trainee known = sheet.byPhone.get(phone);
        Uni<Trainee> trainee = known != null
                ? places.isReadable(caller, known.divisionCode, memo).map(readable -> {
                    if (!readable || !known.name.equals(in.name().strip())) {
                        throw Inputs.invalid(ProblemType.CONFLICT, "phone", "belongs to another trainee", "该手机号属于另一名学员");
                    }
                    return known;
                })
                : trainees.checkedNew(in, caller, memo).invoke(created -> {
                    sheet.byPhone.put(phone, created);
                    sheet.newTrainees.add(created);
                    sheet.registered++;
                });
        return trainee.chain(t -> {
            if (sheet.standing.contains(t.id)) {
                sheet.alreadyRecorded++;
                return Uni.createFrom().voidItem();
            }
            return places.townshipOf(t.divisionCode, memo).chain(township -> {
                sheet.newEntries.add(newEntry(session, t, township.orElse(null), caller));
                sheet.standing.add(t.id);
                sheet.recorded++;
                return Uni.createFrom().voidItem();
            });
        });
    }

    /**
     * Reads a spooled sheet, record by record: the inputs in order with their row numbers (null input for
     * a row already refused) and the refused rows; 400 past {@link #MAX_UPLOAD_ROWS} rows, at the first
     * one past the limit. Blocking and CPU-bound: called on a worker thread, before any transaction.
     */
    public static ReadSheet readSheet(java.io.Reader body) {
        ReadSheet sheet = new ReadSheet();
        List<Training.TraineeInput> inputs = sheet.inputs;
        List<Integer> rowNumbers = sheet.rowNumbers;
        List<Training.RowError> errors = sheet.errors;
        CsvReader.read(body, UPLOAD_COLUMNS, UPLOAD_REQUIRED, MAX_UPLOAD_ROWS, sheetRow -> {
            sheet.rows++;
            int row = sheetRow.number();
            rowNumbers.add(row);
            if (sheetRow.cells() == null) {
                errors.add(new Training.RowError(row, sheetRow.errors()));
                inputs.add(null);
                return;
            }
            List<FieldError> rowErrors = new ArrayList<>();
            java.util.Map<String, String> cells = new java.util.HashMap<>();
            sheetRow.cells().forEach((column, value) -> cells.put(column, value.strip()));
            Role role = null;
            String roleText = cells.get("role");
            if (roleText != null && !roleText.isEmpty()) {
                try {
                    role = Role.valueOf(roleText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    rowErrors.add(new FieldError("role", "'" + StorableValues.shown(roleText) + "' is not a trainee role",
                            "“" + StorableValues.shown(roleText) + "”不是学员类别"));
                }
            }
            UUID organization = null;
            String organizationText = cells.get("organizationId");
            if (organizationText != null && !organizationText.isEmpty()) {
                try {
                    organization = UUID.fromString(organizationText);
                } catch (IllegalArgumentException e) {
                    rowErrors.add(new FieldError("organizationId", "is not an id", "不是有效的编号"));
                }
            }
            Training.TraineeInput in = new Training.TraineeInput(cells.get("name"), role, cells.get("divisionCode"),
                    organization, cells.get("phone"));
            List<FieldError> problems = TraineeService.problems(in);
            problems.stream().filter(p -> rowErrors.stream().noneMatch(r -> r.field().equals(p.field()))).forEach(rowErrors::add);
            if (rowErrors.isEmpty()) {
                inputs.add(in);
            } else {
                errors.add(new Training.RowError(row, rowErrors));
                inputs.add(null);
            }
        });
        return sheet;
    }

    private static List<FieldError> rowErrors(ProblemException failure) {
        List<FieldError> fields = failure.problem().errors();
        return fields == null || fields.isEmpty()
                ? List.of(new FieldError("row", failure.problem().detail(), failure.problem().detailZh())) : fields;
    }
}
