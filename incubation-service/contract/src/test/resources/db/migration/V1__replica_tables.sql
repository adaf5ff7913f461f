-- Tables of the test application only: replicas under table names of their own.
-- The late replica, kept by LateReplicaConsumer once DivisionReplicaTest resumes it.
CREATE TABLE division_replica_late (LIKE division_replica INCLUDING ALL);
CREATE TABLE division_replica_late_version (LIKE division_replica_version INCLUDING ALL);
-- A replica applied directly by DivisionValidityTest (no consumer), under a table name of its own.
CREATE TABLE division_replica_asof (LIKE division_replica INCLUDING ALL);
CREATE TABLE division_replica_asof_version (LIKE division_replica_version INCLUDING ALL);

-- An organization replica as incubation and training create it (their own migrations), for ReplicaConvergenceTest.
CREATE TABLE organization_replica (
    id              UUID        PRIMARY KEY,
    name            TEXT        NOT NULL,
    community_code  TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
