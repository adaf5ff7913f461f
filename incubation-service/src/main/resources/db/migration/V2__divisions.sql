-- The five-level hierarchy (五级联动孵化体系): province, city, county-level, township-level, village-level.
CREATE TABLE division (
    code         TEXT        PRIMARY KEY CHECK (code ~ '^[0-9A-Z]{2,12}$'),
    name         TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    level        TEXT        NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code  TEXT        REFERENCES division (code),
    kind         TEXT        CHECK (kind IN ('DISTRICT', 'COUNTY', 'COUNTY_CITY', 'FUNCTIONAL_ZONE', 'STREET', 'TOWN',
                                             'TOWNSHIP', 'URBAN_COMMUNITY', 'RURAL_COMMUNITY')),
    active       BOOLEAN     NOT NULL DEFAULT TRUE,
    -- NBS-2023: statistical code of 2023; PROJECT: assigned by this project (the functional zone).
    code_source  TEXT        NOT NULL,
    revision     BIGINT      NOT NULL DEFAULT 1,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((level = 'PROVINCE') = (parent_code IS NULL))
);
CREATE INDEX division_parent ON division (parent_code);
CREATE INDEX division_level_kind ON division (level, kind);

-- Every change of a division, with who, when, why, and the state before and after.
CREATE TABLE division_change (
    id           BIGSERIAL   PRIMARY KEY,
    code         TEXT        NOT NULL REFERENCES division (code),
    change_type  TEXT        NOT NULL CHECK (change_type IN ('SEEDED', 'CREATED', 'RENAMED', 'RETIRED', 'REASSIGNED')),
    revision     BIGINT      NOT NULL,
    before_state JSONB,
    after_state  JSONB       NOT NULL,
    reason       TEXT,
    changed_by   TEXT        NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX division_change_code ON division_change (code, id);
