package io.miaopu.registry.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.SafeContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.rest.JsonInput;
import io.miaopu.registry.service.OrganizationApi;
import java.util.Optional;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.registry.domain.ImportJob;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.mapping.OrganizationMapper;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    private static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    private final Vertx vertx;
    private final ObjectMapper json;
    private final OrganizationService organizationService;
    private final OrganizationRules rules;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopping;
    /** The chunk being applied, so that a failure can be counted against it. */
    private volatile UUID currentJob;
    private volatile int currentChunk = -1;
    static final int MAX_ATTEMPTS = 3;
    private long timer = -1;

    public ImportWorker(Vertx vertx, ObjectMapper json, OrganizationService organizationService, OrganizationRules rules) {
        this.vertx = vertx;
        this.json = json;
        this.organizationService = organizationService;
        this.rules = rules;
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
                        }).chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery(
                                        // A FAILED job's remaining rows will never be applied: they are not kept.
                                        "delete from import_chunk where job_id = :job").setParameter("job", jobId).executeUpdate())
                        .replaceWithVoid());
    }

    /**
     * The jobs to work on next, best first: each submitter's oldest unfinished job, the submitter served
     * longest ago (or never) first. Submitters thus take turns chunk by chunk: one clerk's queue of
     * large imports never holds up another's small one for more than a chunk.
     */
    static final String NEXT_JOBS = "with heads as (select distinct on (submitter) id, submitter, created_at from import_job "
            + "where status in ('QUEUED', 'RUNNING') order by submitter, created_at), "
            + "served as (select j.submitter, max(j.last_chunk_at) as at from import_job j "
            + "where j.submitter in (select submitter from heads) group by j.submitter) "
            + "select cast(h.id as text) from heads h left join served s on s.submitter = h.submitter "
            + "order by s.at nulls first, h.created_at limit 16";

    /** True when something was done (a chunk applied or a job completed). */
    Uni<Boolean> processOneChunk() {
        currentJob = null;
        return Panache.getSession().chain(session -> session.createNativeQuery(NEXT_JOBS, String.class).getResultList())
                .chain(ids -> lockFirst(ids, 0))
                .chain(job -> job == null ? Uni.createFrom().item(false) : advance(job));
    }

    /** The first of the jobs that no other instance is working on, locked; null when none. */
    private Uni<ImportJob> lockFirst(List<String> ids, int from) {
        if (from >= ids.size()) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("select cast(id as text) from import_job "
                        + "where id = cast(:id as uuid) and status in ('QUEUED', 'RUNNING') for update skip locked", String.class)
                .setParameter("id", ids.get(from)).getResultList())
                .chain(locked -> locked.isEmpty() ? lockFirst(ids, from + 1)
                        : Panache.getSession().chain(session -> session.find(ImportJob.class, UUID.fromString(ids.get(from)))));
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
                    job.lastChunkAt = now;
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
    private record Candidate(int row, OrganizationApi.Input input, List<FieldError> errors) {
    }

    /**
     * Applies the rows of a chunk by the rules of a single registration, in the same implementation:
     * each row is read as POST reads its body ({@link JsonInput}, the same mapper), checked by
     * {@link OrganizationRules#shape}, then the chunk's rows by {@link OrganizationRules#checkNew}
     * (community, jurisdiction, uniqueness, also against earlier rows of the chunk) at one query per rule.
     */
    private Uni<Void> apply(ImportJob job, List<RawRow> rows) {
        LocalDate today = OrganizationRules.today();
        List<Candidate> candidates = new ArrayList<>();
        for (RawRow raw : rows) {
            if (raw.errors() != null && !raw.errors().isEmpty() || raw.input() == null) {
                candidates.add(new Candidate(raw.row(), null, new ArrayList<>(raw.errors() == null ? List.of() : raw.errors())));
                continue;
            }
            JsonInput.Read<OrganizationApi.Input> read = JsonInput.readAll(json, raw.input(), OrganizationApi.Input.class);
            List<FieldError> errors = new ArrayList<>(read.errors());
            if (read.value() != null) {
                OrganizationRules.shape(read.value(), today).stream()
                        .filter(e -> !read.unreadable().contains(e.field().split("[.\\[]")[0]))
                        .forEach(errors::add);
            }
            candidates.add(new Candidate(raw.row(), errors.isEmpty() ? read.value() : null, errors));
        }
        List<Candidate> checked = candidates.stream().filter(c -> c.errors().isEmpty()).toList();
        return rules.checkNew(checked.stream().map(Candidate::input).toList(), Optional.of(job.writeScope))
                .chain(verdicts -> {
                    for (int i = 0; i < checked.size(); i++) {
                        checked.get(i).errors().addAll(verdicts.get(i).errors());
                    }
                    List<Organization> valid = new ArrayList<>();
                    List<Candidate> rejected = new ArrayList<>();
                    for (Candidate c : candidates) {
                        if (c.errors().isEmpty()) {
                            valid.add(OrganizationMapper.newOrganization(c.input()));
                        } else {
                            rejected.add(c);
                        }
                    }
                    job.applied += valid.size();
                    job.rejected += rejected.size();
                    // A chunk of rejected rows only (or of applied ones only) writes nothing of the other kind:
                    // an empty persist or batch is not sent to the database at all.
                    Uni<Void> created = valid.isEmpty() ? Uni.createFrom().voidItem()
                            : organizationService.createAll(valid, job.submittedBy).replaceWithVoid();
                    return created.chain(() -> rejected.isEmpty() ? Uni.createFrom().voidItem()
                            : Multi.createFrom().iterable(rejected)
                                    .onItem().transformToUniAndConcatenate(c -> Panache.getSession().chain(session -> session
                                            .createNativeQuery("insert into import_row_error (job_id, row_number, errors) "
                                                    + "values (:job, :row, cast(cast(:errors as text) as jsonb))")
                                            .setParameter("job", job.id).setParameter("row", c.row())
                                            .setParameter("errors", write(c.errors())).executeUpdate()))
                                    .collect().last().replaceWithVoid());
                });
    }

    /** A chunk's rows; a chunk queued before rows were kept in the form of a request (cells by column) is read too. */
    private List<RawRow> read(String text) {
        try {
            List<RawRow> rows = new ArrayList<>();
            for (JsonNode node : json.readTree(text)) {
                int row = node.path("row").asInt();
                List<FieldError> errors = node.hasNonNull("errors") ? json.convertValue(node.get("errors"), ERRORS) : null;
                ObjectNode input = node.get("input") instanceof ObjectNode o ? o
                        : node.get("fields") instanceof ObjectNode cells
                        ? RowConverter.toJson(json.convertValue(cells, new TypeReference<java.util.Map<String, String>>() {
                        })) : null;
                rows.add(new RawRow(row, errors == null ? input : null, errors));
            }
            return rows;
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
