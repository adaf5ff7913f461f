package io.miaopu.registry.importing;

import io.miaopu.chassis.problem.Problem.FieldError;
import io.miaopu.registry.domain.ImportJob;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A bulk import as its submitter follows it. */
public final class ImportApi {

    private ImportApi() {
    }

    @Schema(description = "A bulk import (批量导入): progress is rowsDone of totalRows; applied and rejected rows so far; "
            + "outcome once COMPLETED.")
    public record JobResponse(UUID id, ImportJob.Format format,
                              @Schema(description = "QUEUED, RUNNING, COMPLETED; FAILED when a chunk could not be applied after "
                                      + "repeated attempts (rows before it stay applied)") ImportJob.Status status,
                              @Schema(description = "ALL_APPLIED, PARTIALLY_APPLIED or NONE_APPLIED, once completed") ImportJob.Outcome outcome,
                              int totalRows, int rowsDone, int applied, int rejected, String submittedBy,
                              OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt, String failure) {
    }

    @Schema(description = "A rejected row: its number (from 1, after the CSV header) and every reason.")
    public record RowError(int row, List<FieldError> errors) {
    }

    static JobResponse toResponse(ImportJob j) {
        return new JobResponse(j.id, j.format, j.status, j.outcome, j.totalRows, j.rowsDone, j.applied, j.rejected, j.submittedBy,
                j.createdAt, j.startedAt, j.finishedAt, j.failure);
    }
}
