-- The division hierarchy over time (issue 18, facts with effective dates): each division's dated
-- versions as its latest division.changed record carries them (DivisionState.versions), beside the
-- current states of division_replica. Written only by DivisionReplica (the table name is the replica's
-- table + "_version"); DivisionReplica.asOf(day) answers the hierarchy as it stood on a day.
-- effective_on null: since always (the seeded state, or a record published before versions existed).
CREATE TABLE division_replica_version (
    code          TEXT        NOT NULL,
    seq           INTEGER     NOT NULL,
    effective_on  DATE,
    name          TEXT        NOT NULL,
    level         TEXT        NOT NULL,
    parent_code   TEXT,
    kind          TEXT,
    active        BOOLEAN     NOT NULL,
    PRIMARY KEY (code, seq)
);

-- The replica already holds divisions whose records its inbox will not apply again on the next replay:
-- each gets its current state as its only version, since always, until its next record brings its history.
INSERT INTO division_replica_version (code, seq, effective_on, name, level, parent_code, kind, active)
SELECT code, 0, NULL, name, level, parent_code, kind, active FROM division_replica;
