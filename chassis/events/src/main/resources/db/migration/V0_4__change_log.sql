-- Every service's history, one shape (io.miaopu.chassis.write.ChangeLog): who changed which aggregate,
-- when, from what state to what state, and why. Written only by Writes, in the change's transaction.
CREATE TABLE change_log (
    id             BIGSERIAL   PRIMARY KEY,
    aggregate_type TEXT        NOT NULL,
    aggregate_id   TEXT        NOT NULL,
    version        BIGINT      NOT NULL,
    change_type    TEXT        NOT NULL,
    before         JSONB,
    after          JSONB       NOT NULL,
    reason         TEXT,
    changed_by     TEXT        NOT NULL,
    changed_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX change_log_aggregate ON change_log (aggregate_type, aggregate_id, id);
