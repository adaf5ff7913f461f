-- Precomputed figures the dashboard reads, the support structures and training the targets count,
-- the government data-exchange feed, and the record of projection rebuilds.

-- When an organization stopped existing: the day its deregistration (注销) was recorded (the event's
-- time, China Standard Time), so that the figures of a past year count it as it was on 31 December.
ALTER TABLE organization_projection ADD COLUMN deregistered_on DATE;
UPDATE organization_projection SET deregistered_on = (applied_at AT TIME ZONE 'Asia/Shanghai')::date
 WHERE status = 'DEREGISTERED';

-- Organizations per community, year of registration (登记/备案), category and year of deregistration
-- (9999: still existing): what every average and yearly figure sums, kept equal to
-- organization_projection by its trigger, in the same transaction.
CREATE TABLE community_tally (
    community_code   TEXT    NOT NULL,
    registered_year  INTEGER NOT NULL,
    category         TEXT    NOT NULL,
    gone_year        INTEGER NOT NULL,
    organizations    BIGINT  NOT NULL,
    PRIMARY KEY (community_code, registered_year, category, gone_year)
);

-- Names resolve at run time (no schema written): a rebuild runs the same trigger on its own tables.
CREATE FUNCTION tally_organization() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE community_tally SET organizations = organizations - 1
         WHERE community_code = OLD.community_code
           AND registered_year = extract(year FROM OLD.registered_on)::integer
           AND category = OLD.category
           AND gone_year = coalesce(extract(year FROM OLD.deregistered_on)::integer, 9999);
        DELETE FROM community_tally
         WHERE community_code = OLD.community_code
           AND registered_year = extract(year FROM OLD.registered_on)::integer
           AND category = OLD.category
           AND gone_year = coalesce(extract(year FROM OLD.deregistered_on)::integer, 9999)
           AND organizations = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO community_tally AS t (community_code, registered_year, category, gone_year, organizations)
        VALUES (NEW.community_code, extract(year FROM NEW.registered_on)::integer, NEW.category,
                coalesce(extract(year FROM NEW.deregistered_on)::integer, 9999), 1)
        ON CONFLICT (community_code, registered_year, category, gone_year)
        DO UPDATE SET organizations = t.organizations + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER organization_projection_tally
    AFTER INSERT OR UPDATE OR DELETE ON organization_projection
    FOR EACH ROW EXECUTE FUNCTION tally_organization();

-- Organizations projected before the tally existed.
INSERT INTO community_tally (community_code, registered_year, category, gone_year, organizations)
SELECT community_code, extract(year FROM registered_on)::integer, category,
       coalesce(extract(year FROM deregistered_on)::integer, 9999), count(*)
  FROM organization_projection GROUP BY 1, 2, 3, 4;

-- Hub federations (社区社会组织联合会) by township-level unit: T8, T9.
CREATE TABLE federation_projection (
    id              UUID    PRIMARY KEY,
    township_code   TEXT    NOT NULL,
    established_on  DATE    NOT NULL,
    dissolved_on    DATE,
    version         BIGINT  NOT NULL
);

-- Hub-type demonstration organizations (枢纽型示范社区社会组织): T11.
CREATE TABLE hub_demonstration_projection (
    id               UUID    PRIMARY KEY,
    organization_id  UUID    NOT NULL,
    division_code    TEXT    NOT NULL,
    certified_on     DATE    NOT NULL,
    revoked_on       DATE,
    version          BIGINT  NOT NULL
);

-- Incubators and support platforms (孵化基地、支持平台、服务站) by level: T12.
CREATE TABLE incubator_projection (
    id             UUID    PRIMARY KEY,
    level          TEXT    NOT NULL,
    division_code  TEXT    NOT NULL,
    opened_on      DATE    NOT NULL,
    closed_on      DATE,
    version        BIGINT  NOT NULL
);

-- Person-times (人次) net of reversals, by the trainee's division, township-level unit ('' when the
-- trainee is above one) and year held: T10, T13.
CREATE TABLE training_tally (
    trainee_division  TEXT    NOT NULL,
    township_code     TEXT    NOT NULL,
    held_year         INTEGER NOT NULL,
    person_times      BIGINT  NOT NULL,
    PRIMARY KEY (trainee_division, township_code, held_year)
);

-- The government data-exchange feed (gov.exchange.v1): a curated public log, never rewritten.
-- position is the cursor; writers take one advisory lock, so positions commit in order and a
-- reader resuming after a position never misses a record.
CREATE TABLE exchange_event (
    position      BIGSERIAL   PRIMARY KEY,
    id            UUID        NOT NULL UNIQUE,
    -- What the record was made from (an internal event id, a snapshot date): made once.
    origin        TEXT        NOT NULL UNIQUE,
    type          TEXT        NOT NULL,
    source        TEXT        NOT NULL,
    subject       TEXT        NOT NULL,
    time          TIMESTAMPTZ NOT NULL,
    data          JSONB       NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX exchange_event_unpublished ON exchange_event (position) WHERE published_at IS NULL;

-- Admin rebuilds of the projections: replayed from the topics into fresh tables, then swapped in.
CREATE TABLE projection_rebuild (
    id            UUID        PRIMARY KEY,
    status        TEXT        NOT NULL,
    requested_by  TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    events        BIGINT      NOT NULL DEFAULT 0,
    -- When the replay began (database time): an event the live consumers applied since must be in the replay.
    replay_from   TIMESTAMPTZ,
    -- Written as the rebuild goes: a RUNNING rebuild without a recent one was interrupted.
    heartbeat_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    error         TEXT
);

-- The kinds of township-level unit each coverage target counts, as data: 街道 for T8; 镇 and 乡 for T9.
UPDATE target SET category = 'TOWN,TOWNSHIP' WHERE id = 'T9' AND category = 'TOWNSHIP';
