package io.miaopu.registry.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
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
import io.miaopu.chassis.tabular.Uploads;
import io.vertx.mutiny.core.Vertx;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.function.Consumer;
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
    private final Vertx vertx;

    public ImportService(ObjectMapper json, Vertx vertx) {
        this.json = json;
        this.vertx = vertx;
    }

    /**
     * An upload read and cut into chunks of serialized rows, ready to queue: the chunks wait in a
     * temporary file, one per line, so that one upload's memory is one chunk whatever its size.
     */
    public record Upload(ImportJob.Format format, int totalRows, int chunkCount, Path chunks) {

        public void delete() {
            Uploads.delete(chunks);
        }
    }

    /** 403 unless the caller may register organizations somewhere; the division under which they may. */
    public static String requireWriter(Caller caller) {
        return Jurisdiction.writeScope(caller).orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Your role may not register organizations.", "您的角色无权登记组织。"));
    }

    /**
     * Reads a spooled upload, row by row, and refuses it if it cannot be read as a whole (more than
     * {@link #MAX_ROWS} rows: refused at the first one past the limit). Blocking and CPU-bound: callers
     * run it on a worker thread, never on the event loop.
     */
    public Upload read(ImportJob.Format format, Path spooled) {
        Path chunks;
        try {
            chunks = Files.createTempFile("miaopu-import-chunks-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean kept = false;
        try (Reader body = Uploads.text(spooled); BufferedWriter out = Files.newBufferedWriter(chunks, StandardCharsets.UTF_8)) {
            List<RawRow> chunk = new ArrayList<>(CHUNK_ROWS);
            int[] chunkCount = {0};
            Consumer<RawRow> flush = row -> {
                if (row != null) {
                    chunk.add(row);
                }
                if (!chunk.isEmpty() && (row == null || chunk.size() == CHUNK_ROWS)) {
                    try {
                        out.write(write(chunk));   // JSON without line breaks: one chunk per line
                        out.newLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    chunk.clear();
                    chunkCount[0]++;
                }
            };
            int total = ImportFormat.read(format, body, MAX_ROWS, json, flush);
            flush.accept(null);
            kept = true;
            return new Upload(format, total, chunkCount[0], chunks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!kept) {
                Uploads.delete(chunks);
            }
        }
    }

    /** Queues a read upload: the job and its chunks, in one transaction; each chunk read from its file off the event loop. */
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
        BufferedReader[] chunks = new BufferedReader[1];
        return Panache.getSession().chain(session -> session.persist(job).call(session::flush))
                .chain(() -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                    try {
                        chunks[0] = Files.newBufferedReader(upload.chunks(), StandardCharsets.UTF_8);
                        return chunks[0];
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })))
                .chain(reader -> Multi.createFrom().range(0, upload.chunkCount())
                        .onItem().transformToUniAndConcatenate(i -> vertx.executeBlocking(Uni.createFrom().item(() -> {
                                    try {
                                        return reader.readLine();
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }))
                                .chain(rows -> Panache.getSession().chain(session -> session
                                        .createNativeQuery("insert into import_chunk (job_id, chunk_no, rows) values (:job, :no, :rows)")
                                        .setParameter("job", job.id).setParameter("no", i).setParameter("rows", rows)
                                        .executeUpdate())))
                        .collect().last())
                .eventually(() -> {
                    if (chunks[0] != null) {
                        try {
                            chunks[0].close();
                        } catch (IOException ignored) {
                            // only a file handle
                        }
                    }
                })
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
