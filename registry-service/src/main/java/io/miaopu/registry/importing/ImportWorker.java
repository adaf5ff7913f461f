package io.miaopu.registry.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.SafeContext;
import io.miaopu.chassis.events.divisions.DivisionReplica;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.ImportJob;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.miaopu.registry.repository.OrganizationRepository;
import io.miaopu.registry.service.OrganizationRules;
import io.miaopu.registry.service.OrganizationService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Applies queued imports one chunk per transaction: the chunk's valid rows become organizations
 * (with history and events), its invalid rows are recorded with their reasons, the chunk is deleted
 * and the job's progress advanced, all at once. A crash or restart resumes with the next chunk;
 * no row is applied twice or half. Rows are checked against the database as earlier chunks left
 * it, and against earlier rows of the same chunk.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    private static final TypeReference<List<RawRow>> ROWS = new TypeReference<>() {
    };

    private final Vertx vertx;
    private final ObjectMapper json;
    private final OrganizationRepository organizations;
    private final OrganizationService organizationService;
    private final DivisionReplica divisions;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopping;
    /** The chunk being applied, so that a failure can be counted against it. */
    private volatile UUID currentJob;
    private volatile int currentChunk = -1;
    static final int MAX_ATTEMPTS = 3;
    private long timer = -1;

    public ImportWorker(Vertx vertx, ObjectMapper json, OrganizationRepository organizations,
                        OrganizationService organizationService, DivisionReplica divisions) {
        this.vertx = vertx;
        this.json = json;
        this.organizations = organizations;
        this.organizationService = organizationService;
        this.divisions = divisions;
    }

    void start(@Observes StartupEvent event) {
        // Resume jobs a stop interrupted, and catch any kick that raced the end of a run.
        timer = vertx.setPeriodic(5_000, id -> kick());
        kick();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Asks for a run; at most one runs at a time in this instance (and per job across instances). */
    public void kick() {
        requested.set(true);
        if (!stopping && running.compareAndSet(false, true)) {
            vertx.runOnContext(v -> step());
        }
    }

    private void step() {
        requested.set(false);
        SafeContext.run(vertx, () -> Panache.withTransaction(this::processOneChunk)).subscribe().with(progressed -> {
            if (progressed && !stopping) {
                vertx.runOnContext(v -> step());
            } else {
                running.set(false);
                if (requested.get()) {
                    kick();
                }
            }
        }, failure -> {
            UUID job = currentJob;
            int chunk = currentChunk;
            LOG.errorf(failure, "Chunk %d of import %s failed", chunk, job);
            if (job == null) {
                running.set(false);
                return;
            }
            SafeContext.run(vertx, () -> Panache.withTransaction(() -> countFailure(job, chunk, failure)))
                    // The periodic kick retries in a few seconds: a lasting failure (the database down) never spins.
                    .subscribe().with(ignored -> running.set(false), again -> {
                        LOG.errorf(again, "Could not record the failure of import %s", job);
                        running.set(false);
                    });
        });
    }

    /**
     * Counts a failed attempt at a chunk; after {@link #MAX_ATTEMPTS} the job stops as FAILED (the
     * chunks before stay applied), so that one job can never hold up the imports queued after it.
     */
    Uni<Void> countFailure(UUID jobId, int chunkNo, Throwable failure) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update import_chunk set attempts = attempts + 1 where job_id = :job and chunk_no = :no returning attempts",
                        Integer.class)
                .setParameter("job", jobId).setParameter("no", chunkNo).getResultList())
                .chain(attempts -> attempts.isEmpty() || attempts.get(0) < MAX_ATTEMPTS ? Uni.createFrom().voidItem()
                        : Panache.getSession().chain(session -> session.find(ImportJob.class, jobId)).invoke(job -> {
                            job.status = ImportJob.Status.FAILED;
                            job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
                            job.failure = "Rows " + (chunkNo * ImportService.CHUNK_ROWS + 1) + " to "
                                    + ((chunkNo + 1) * ImportService.CHUNK_ROWS) + " could not be applied after " + MAX_ATTEMPTS
                                    + " attempts (" + failure.getClass().getSimpleName() + "); the rows before them are applied.";
                            LOG.errorf("Import %s stopped: %s", jobId, job.failure);
                        }).replaceWithVoid());
    }

    /** True when something was done (a chunk applied or a job completed). */
    Uni<Boolean> processOneChunk() {
        currentJob = null;
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select cast(id as text) from import_job where status in ('QUEUED', 'RUNNING') "
                                + "order by created_at limit 1 for update skip locked", String.class).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(false)
                        : Panache.getSession().chain(session -> session.find(ImportJob.class, UUID.fromString(ids.get(0)),
                                LockModeType.PESSIMISTIC_WRITE)).chain(this::advance));
    }

    private Uni<Boolean> advance(ImportJob job) {
        currentJob = job.id;
        currentChunk = -1;
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select chunk_no, rows from import_chunk where job_id = :job order by chunk_no limit 1", Object[].class)
                .setParameter("job", job.id).getResultList()).chain(chunks -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    if (job.startedAt == null) {
                        job.startedAt = now;
                        job.status = ImportJob.Status.RUNNING;
                    }
                    if (chunks.isEmpty()) {
                        job.status = ImportJob.Status.COMPLETED;
                        job.finishedAt = now;
                        job.outcome = job.rejected == 0 ? ImportJob.Outcome.ALL_APPLIED
                                : job.applied == 0 ? ImportJob.Outcome.NONE_APPLIED : ImportJob.Outcome.PARTIALLY_APPLIED;
                        LOG.infof("Import %s completed: %d applied, %d rejected", job.id, job.applied, job.rejected);
                        return Uni.createFrom().item(true);
                    }
                    int chunkNo = ((Number) chunks.get(0)[0]).intValue();
                    currentChunk = chunkNo;
                    List<RawRow> rows = read((String) chunks.get(0)[1]);
                    return apply(job, rows)
                            .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                            "delete from import_chunk where job_id = :job and chunk_no = :no")
                                    .setParameter("job", job.id).setParameter("no", chunkNo).executeUpdate()))
                            .invoke(() -> job.rowsDone += rows.size())
                            .replaceWith(true);
                });
    }

    /** A candidate row: its number, its input, and the reasons found so far. */
    private record Candidate(int row, io.miaopu.registry.rest.OrganizationApi.Input input, List<FieldError> errors) {
    }

    private Uni<Void> apply(ImportJob job, List<RawRow> rows) {
        LocalDate today = OrganizationRules.today();
        List<Candidate> candidates = new ArrayList<>();
        for (RawRow raw : rows) {
            if (raw.errors() != null && !raw.errors().isEmpty()) {
                candidates.add(new Candidate(raw.row(), null, new ArrayList<>(raw.errors())));
                continue;
            }
            RowConverter.Converted converted = RowConverter.convert(raw.fields());
            List<FieldError> errors = new ArrayList<>(converted.errors());
            Set<String> unreadable = new HashSet<>();
            errors.forEach(e -> unreadable.add(e.field()));
            OrganizationRules.shape(converted.input(), today).stream()
                    .filter(e -> !unreadable.contains(e.field()))
                    .forEach(errors::add);
            candidates.add(new Candidate(raw.row(), converted.input(), errors));
        }
        Set<String> communities = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        Set<String> codes = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            if (c.errors().isEmpty()) {
                communities.add(c.input().communityCode());
                names.add(c.input().name().strip());
                if (c.input().creditCode() != null) {
                    codes.add(c.input().creditCode().strip());
                }
            }
        }
        return activeVillages(communities)
                .chain(active -> divisions.selfAndDescendants(job.writeScope)
                        .chain(scope -> organizations.creditCodesTaken(codes)
                                .chain(takenCodes -> organizations.namesTaken(communities, names)
                                        .map(takenNames -> new Lookups(active, new HashSet<>(scope), new HashSet<>(takenCodes),
                                                new HashSet<>(takenNames))))))
                .chain(lookups -> {
                    Set<String> active = lookups.activeVillages();
                    Set<String> scope = lookups.scope();
                    Set<String> takenCodes = lookups.takenCodes();
                    Set<String> takenNames = lookups.takenNames();
                    List<Organization> valid = new ArrayList<>();
                    List<Candidate> rejected = new ArrayList<>();
                    for (Candidate c : candidates) {
                        if (c.errors().isEmpty()) {
                            String community = c.input().communityCode();
                            String code = c.input().creditCode() == null ? null : c.input().creditCode().strip();
                            String nameKey = community + "|" + c.input().name().strip();
                            if (!active.contains(community)) {
                                c.errors().add(OrganizationRules.unknownCommunity());
                            } else if (!scope.contains(community)) {
                                c.errors().add(OrganizationRules.outsideScope());
                            }
                            if (code != null && takenCodes.contains(code)) {
                                c.errors().add(OrganizationRules.duplicateCreditCode());
                            }
                            if (takenNames.contains(nameKey)) {
                                c.errors().add(OrganizationRules.duplicateName());
                            }
                            if (c.errors().isEmpty()) {
                                if (code != null) {
                                    takenCodes.add(code);
                                }
                                takenNames.add(nameKey);
                                valid.add(OrganizationMapper.newOrganization(c.input()));
                                continue;
                            }
                        }
                        rejected.add(c);
                    }
                    job.applied += valid.size();
                    job.rejected += rejected.size();
                    return organizations.persist(valid)
                            .chain(() -> organizationService.recordCreations(valid, job.submittedBy))
                            .chain(() -> Multi.createFrom().iterable(rejected)
                                    .onItem().transformToUniAndConcatenate(c -> Panache.getSession().chain(session -> session
                                            .createNativeQuery("insert into import_row_error (job_id, row_number, errors) "
                                                    + "values (:job, :row, cast(cast(:errors as text) as jsonb))")
                                            .setParameter("job", job.id).setParameter("row", c.row())
                                            .setParameter("errors", write(c.errors())).executeUpdate()))
                                    .collect().last())
                            .replaceWithVoid();
                });
    }

    /** What the database says about a chunk's rows, asked once per chunk. */
    private record Lookups(Set<String> activeVillages, Set<String> scope, Set<String> takenCodes, Set<String> takenNames) {
    }

    private Uni<Set<String>> activeVillages(Set<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select code from division_replica where code in (:codes) and active and level = :level", String.class)
                .setParameter("codes", codes).setParameter("level", OrganizationRules.VILLAGE).getResultList())
                .map(HashSet::new);
    }

    private List<RawRow> read(String text) {
        try {
            return json.readValue(text, ROWS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
