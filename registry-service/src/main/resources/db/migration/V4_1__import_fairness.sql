-- Bulk imports take turns by submitter: the worker applies next a chunk of the submitter served
-- longest ago (last_chunk_at of their jobs), so that one clerk's queue never holds up everyone else's.
ALTER TABLE import_job ADD COLUMN last_chunk_at TIMESTAMPTZ;
CREATE INDEX import_job_submitter_served ON import_job (submitter, last_chunk_at);

-- Chunks of jobs that ended (a FAILED job's remaining rows) are never applied: they are removed.
DELETE FROM import_chunk c USING import_job j WHERE c.job_id = j.id AND j.status IN ('FAILED', 'COMPLETED');
