-- Incubation bases, support platforms and service stations (孵化基地、支持平台、服务站) at every level.
CREATE TABLE incubator (
    id                         UUID        PRIMARY KEY,
    name                       TEXT        NOT NULL,
    level                      TEXT        NOT NULL,
    division_code              TEXT        NOT NULL REFERENCES division (code),
    type                       TEXT        NOT NULL CHECK (type IN ('INCUBATION_BASE', 'SUPPORT_PLATFORM', 'SERVICE_STATION')),
    operator_organization_id   UUID,
    services                   TEXT        NOT NULL,
    opened_on                  DATE        NOT NULL,
    closed_on                  DATE,
    close_reason               TEXT,
    version                    BIGINT      NOT NULL,
    created_at                 TIMESTAMPTZ NOT NULL,
    updated_at                 TIMESTAMPTZ NOT NULL,
    CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE INDEX incubator_division ON incubator (division_code);

-- An organization incubated by an incubator (入驻孵化), from a date until it graduates or withdraws.
CREATE TABLE enrollment (
    id               UUID        PRIMARY KEY,
    incubator_id     UUID        NOT NULL REFERENCES incubator (id),
    organization_id  UUID        NOT NULL,
    started_on       DATE        NOT NULL,
    ended_on         DATE,
    outcome          TEXT        CHECK (outcome IN ('GRADUATED', 'WITHDRAWN')),
    end_reason       TEXT,
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK ((ended_on IS NULL) = (outcome IS NULL)),
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE UNIQUE INDEX enrollment_one_open_per_organization ON enrollment (incubator_id, organization_id) WHERE ended_on IS NULL;

-- Hub-type demonstration organizations (枢纽型示范), certified by the city or a county.
CREATE TABLE hub_demonstration (
    id                UUID        PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    division_code     TEXT        NOT NULL REFERENCES division (code),
    certified_on      DATE        NOT NULL,
    certifying_level  TEXT        NOT NULL CHECK (certifying_level IN ('CITY', 'COUNTY')),
    revoked_on        DATE,
    revoke_reason     TEXT,
    version           BIGINT      NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    CHECK (revoked_on IS NULL OR revoked_on >= certified_on)
);
CREATE UNIQUE INDEX hub_demonstration_one_current ON hub_demonstration (organization_id) WHERE revoked_on IS NULL;
CREATE INDEX hub_demonstration_division ON hub_demonstration (division_code);

-- Venue support (安家): a venue provided by a street, township or community facility to an organization.
CREATE TABLE venue_support (
    id                          UUID          PRIMARY KEY,
    organization_id             UUID          NOT NULL,
    venue                       TEXT          NOT NULL,
    providing_division_code     TEXT          NOT NULL REFERENCES division (code),
    from_date                   DATE          NOT NULL,
    to_date                     DATE,
    floor_area_m2               NUMERIC(10,2) NOT NULL CHECK (floor_area_m2 > 0),
    end_reason                  TEXT,
    version                     BIGINT        NOT NULL,
    created_at                  TIMESTAMPTZ   NOT NULL,
    updated_at                  TIMESTAMPTZ   NOT NULL,
    CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX venue_support_division ON venue_support (providing_division_code);

-- Funding of an organization (政府购买服务、公益创投、社会支持、工作经费), amounts in fen.
CREATE TABLE funding (
    id               UUID        PRIMARY KEY,
    organization_id  UUID        NOT NULL,
    division_code    TEXT        NOT NULL REFERENCES division (code),
    channel          TEXT        NOT NULL CHECK (channel IN ('GOVERNMENT_PURCHASE', 'VENTURE_PHILANTHROPY', 'SOCIAL_SUPPORT', 'WORK_FUND')),
    amount_fen       BIGINT      NOT NULL CHECK (amount_fen > 0),
    year             INT         NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    project_title    TEXT        NOT NULL,
    cancelled_on     DATE,
    cancel_reason    TEXT,
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX funding_division ON funding (division_code);
