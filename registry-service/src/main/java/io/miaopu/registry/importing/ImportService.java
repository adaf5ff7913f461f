package io.miaopu.registry.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.registry.domain.ImportJob;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Accepts bulk imports and lets their submitters follow them; {@link ImportWorker} applies them. */
@ApplicationScoped
public class ImportService {

    public static final int MAX_ROWS = 100_000;
    static final int CHUNK_ROWS = 500;
    static final TypeReference<List<FieldError>> ERRORS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public ImportService(ObjectMapper json) {
        this.json = json;
    }

    /** An upload read and cut into chunks of serialized rows, ready to queue. */
    public record Upload(ImportJob.Format format, int totalRows, List<String> chunks) {
    }

    /** 403 unless the caller may register organizations somewhere; the division under which they may. */
    public static String requireWriter(Caller caller) {
        return Jurisdiction.writeScope(caller).orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Your role may not register organizations.", "您的角色无权登记组织。"));
    }

    /**
     * Reads the whole upload and refuses it if it cannot be read as a whole. CPU-bound on up to 64 MiB:
     * callers run it off the event loop.
     */
    public Upload read(String contentType, String body) {
        ImportJob.Format format = ImportFormat.of(contentType);
        if (body == null || body.isBlank()) {
            throw Inputs.invalid(ProblemType.VALIDATION, "body", "is empty", "为空");
        }
        List<RawRow> rows = ImportFormat.read(format, body, json);
        if (rows.isEmpty()) {
            throw Inputs.invalid(ProblemType.VALIDATION, "body", "has no rows", "没有数据行");
        }
        if (rows.size() > MAX_ROWS) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An import holds at most " + MAX_ROWS + " rows; this one has "
                    + rows.size() + ". Split it.", "单次导入至多 " + MAX_ROWS + " 行，本次为 " + rows.size() + " 行，请拆分。");
        }
        List<String> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
            chunks.add(write(rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS))));
        }
        return new Upload(format, rows.size(), chunks);
    }

    /** Queues a read upload: the job and its chunks, in one transaction. */
    @WithTransaction
    public Uni<ImportJob> submit(Upload upload, Caller caller) {
        ImportJob job = new ImportJob();
        job.id = UUID.randomUUID();
        job.format = upload.format();
        job.status = ImportJob.Status.QUEUED;
        job.totalRows = upload.totalRows();
        job.submittedBy = caller.actor();
        job.submitter = caller.subject();
        job.writeScope = requireWriter(caller);
        job.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.getSession().chain(session -> session.persist(job).call(session::flush))
                .chain(() -> Multi.createFrom().range(0, upload.chunks().size())
                        .onItem().transformToUniAndConcatenate(i -> Panache.getSession().chain(session -> session
                                .createNativeQuery("insert into import_chunk (job_id, chunk_no, rows) values (:job, :no, :rows)")
                                .setParameter("job", job.id).setParameter("no", i).setParameter("rows", upload.chunks().get(i))
                                .executeUpdate()))
                        .collect().last())
                .replaceWith(job);
    }

    @WithSession
    public Uni<ImportJob> get(UUID id, Caller caller) {
        return Panache.getSession().chain(session -> session.find(ImportJob.class, id)).invoke(job -> {
            boolean mine = job != null && (job.submitter != null && job.submitter.equals(caller.subject())
                    || caller.roles().contains(Jurisdiction.CITY_ADMIN));
            if (!mine) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No import " + id + " of yours.", "没有您提交的此导入任务。");
            }
        });
    }

    @WithSession
    public Uni<Page<ImportApi.RowError>> errors(UUID id, int page, int size, Caller caller) {
        return get(id, caller)
                .chain(job -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select row_number, cast(errors as text) from import_row_error where job_id = :job "
                                        + "order by row_number limit " + size + " offset " + ((long) page * size), Object[].class)
                        .setParameter("job", id).getResultList()))
                .chain(rows -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select count(*) from import_row_error where job_id = :job", Long.class)
                        .setParameter("job", id).getSingleResult())
                        .map(total -> new Page<>(rows.stream().map(r -> new ImportApi.RowError(((Number) r[0]).intValue(),
                                read((String) r[1]))).toList(), page, size, total)));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<FieldError> read(String text) {
        try {
            return json.readValue(text, ERRORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
