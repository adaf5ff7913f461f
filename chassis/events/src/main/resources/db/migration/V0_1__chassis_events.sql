-- Event mechanics shared by every domain service, shipped once by chassis-events.
-- Versions 0.x belong to the chassis and run out of order beside a service's own V1, V2, ...

-- Transactional outbox: written in the same transaction as the change it announces.
-- position is the order of writing; writes to one aggregate are serialized by the aggregate's
-- own row, so for one aggregate it is also the order of commit.
CREATE TABLE outbox_event (
    position      BIGSERIAL PRIMARY KEY,
    id            UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    aggregate_id  TEXT        NOT NULL,
    type          TEXT        NOT NULL,
    source        TEXT        NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    payload       JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ
);
CREATE INDEX outbox_event_pending ON outbox_event (position) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

-- Idempotent inbox: one row per (consumer, event), written in the transaction of the event's effect.
CREATE TABLE inbox_event (
    consumer      TEXT        NOT NULL,
    event_id      UUID        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Local replica of the division hierarchy, rebuilt from the compacted topic miaopu.divisions.v1.
CREATE TABLE division_replica (
    code          TEXT        PRIMARY KEY,
    name          TEXT        NOT NULL,
    level         TEXT        NOT NULL,
    parent_code   TEXT,
    kind          TEXT,
    active        BOOLEAN     NOT NULL,
    revision      BIGINT      NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX division_replica_parent ON division_replica (parent_code);
