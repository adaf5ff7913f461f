-- What incubation knows of organizations: a replica of registry-service's events (organization
-- registered, filed, status changed). Checked when a structure names an organization.
CREATE TABLE organization_replica (
    id              UUID        PRIMARY KEY,
    name            TEXT        NOT NULL,
    community_code  TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Hub-type federations of community social organizations (社区社会组织联合会): one active per township-level unit.
CREATE TABLE federation (
    id                  UUID        PRIMARY KEY,
    name                TEXT        NOT NULL,
    township_code       TEXT        NOT NULL REFERENCES division (code),
    organization_id     UUID        NOT NULL,
    established_on      DATE        NOT NULL,
    dissolved_on        DATE,
    dissolution_reason  TEXT,
    version             BIGINT      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CHECK (dissolved_on IS NULL OR dissolved_on >= established_on)
);
-- The rule "at most one active federation per township", kept by the database as well.
CREATE UNIQUE INDEX federation_one_active_per_township ON federation (township_code) WHERE dissolved_on IS NULL;

-- History of every support structure: what changed, by whom, when, why, before and after.
CREATE TABLE structure_change (
    id              BIGSERIAL   PRIMARY KEY,
    structure_type  TEXT        NOT NULL,
    structure_id    UUID        NOT NULL,
    change_type     TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    before_state    JSONB,
    after_state     JSONB       NOT NULL,
    reason          TEXT,
    changed_by      TEXT        NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX structure_change_structure ON structure_change (structure_type, structure_id, id);
