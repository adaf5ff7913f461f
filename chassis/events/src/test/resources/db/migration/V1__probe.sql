-- Tables of the test application only.
CREATE TABLE probe_write (
    key        TEXT NOT NULL,
    seq        INT  NOT NULL,
    written_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (key, seq)
);
-- No unique constraint on purpose: a second effect of one event would show as a second row.
CREATE TABLE probe_effect (
    received   BIGSERIAL PRIMARY KEY,
    key        TEXT NOT NULL,
    seq        INT  NOT NULL,
    event_id   UUID NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- The same events applied by a batch consumer (Inbox.processBatch), a row per application.
CREATE TABLE probe_batch_effect (
    received   BIGSERIAL PRIMARY KEY,
    key        TEXT NOT NULL,
    seq        INT  NOT NULL,
    event_id   UUID NOT NULL
);
