-- Replicas keep each division's newest state whatever is replayed (issue 19): a record replaces a row
-- only when its (revision, event time) is greater. The time orders records of one revision (incubation's
-- V6 announced changed divisions again under their revision, with their versions). Rows written before
-- have none and count as older than any record of their revision: the next replay rewrites them once.
ALTER TABLE division_replica ADD COLUMN event_time TIMESTAMPTZ;

-- Dead letters of this service's consumers (issue 19): every record a consumer set aside, to be seen
-- (metrics, health data, a log line) and replayed by the city administrator once its cause is fixed.
-- One row per consumer and record: a record read again (a replica replays its topic at every start) is
-- the same dead letter. event_id, type, subject: from the record's headers when it has them.
CREATE TABLE dead_letter (
    id              BIGSERIAL   PRIMARY KEY,
    consumer        TEXT        NOT NULL,
    event_id        UUID,
    type            TEXT,
    subject         TEXT,
    source          TEXT,
    event_time      TIMESTAMPTZ,
    topic           TEXT        NOT NULL,
    partition       INTEGER     NOT NULL,
    record_offset   BIGINT      NOT NULL,
    record_key      TEXT,
    headers         JSONB       NOT NULL,
    value           TEXT,
    reason          TEXT        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    last_attempt_at TIMESTAMPTZ,
    replayed_at     TIMESTAMPTZ,
    replayed_by     TEXT,
    outcome         TEXT,
    UNIQUE (consumer, topic, partition, record_offset)
);
CREATE INDEX dead_letter_open ON dead_letter (consumer) WHERE replayed_at IS NULL;
