package io.miaopu.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A bulk import (批量导入) of organizations, applied in the background chunk by chunk. */
@Entity
@Table(name = "import_job")
public class ImportJob {

    public enum Format { CSV, JSON_LINES }

    /** FAILED: a chunk could not be applied after repeated attempts; the rows before it stay applied. */
    public enum Status { QUEUED, RUNNING, COMPLETED, FAILED }

    /** How a completed import ended. */
    public enum Outcome { ALL_APPLIED, PARTIALLY_APPLIED, NONE_APPLIED }

    @Id
    public UUID id;
    @Enumerated(EnumType.STRING)
    public Format format;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Enumerated(EnumType.STRING)
    public Outcome outcome;
    @Column(name = "total_rows")
    public int totalRows;
    @Column(name = "rows_done")
    public int rowsDone;
    public int applied;
    public int rejected;
    /** The submitter as histories name them. */
    @Column(name = "submitted_by")
    public String submittedBy;
    /** The submitter's subject: only they (and the city bureau) follow the job. */
    public String submitter;
    /** The division under which the submitter may write: rows outside it are rejected. */
    @Column(name = "write_scope")
    public String writeScope;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    /** When a chunk of this job was last applied: the worker serves submitters in turn by it. */
    @Column(name = "last_chunk_at")
    public OffsetDateTime lastChunkAt;
    /** Why a FAILED job stopped. */
    public String failure;
}
