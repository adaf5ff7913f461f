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
CREATE TABLE division_replica_late (LIKE division_replica INCLUDING ALL);
CREATE TABLE division_replica_late_version (LIKE division_replica_version INCLUDING ALL);
-- A replica applied directly by DivisionValidityTest (no consumer), under a table name of its own.
CREATE TABLE division_replica_asof (LIKE division_replica INCLUDING ALL);
CREATE TABLE division_replica_asof_version (LIKE division_replica_version INCLUDING ALL);

-- The same events applied by a batch consumer (Inbox.processBatch), a row per application.
CREATE TABLE probe_batch_effect (
    received   BIGSERIAL PRIMARY KEY,
    key        TEXT NOT NULL,
    seq        INT  NOT NULL,
    event_id   UUID NOT NULL
);

-- An organization replica as incubation and training create it (their own migrations), for ReplicaConvergenceTest.
CREATE TABLE organization_replica (
    id              UUID        PRIMARY KEY,
    name            TEXT        NOT NULL,
    community_code  TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
