-- The test application's audited aggregate, written through Writes (WritesTest).
CREATE TABLE probe_item (
    id          UUID        PRIMARY KEY,
    division    TEXT        NOT NULL,
    label       TEXT        NOT NULL,
    amount      NUMERIC(12, 2),
    version     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
