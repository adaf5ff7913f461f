-- Organizations (社区社会组织) and everything recorded about them. registry-service alone writes here.

-- Every single character and every pair of adjacent characters of a name, lower-cased: a GIN index
-- over them finds Chinese substrings of any length (including the common two-character searches
-- that trigram indexes cannot serve), whatever the database's locale.
CREATE FUNCTION name_grams(name TEXT) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT coalesce(array_agg(DISTINCT gram), '{}')
    FROM (SELECT substr(lower(name), i, 1) AS gram FROM generate_series(1, char_length(name)) AS i
          UNION ALL
          SELECT substr(lower(name), i, 2) FROM generate_series(1, char_length(name) - 1) AS i) AS grams
$$;

CREATE TABLE organization (
    id                UUID        PRIMARY KEY,
    name              TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    credit_code       TEXT        CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
    legal_form        TEXT        CHECK (legal_form IN ('SOCIAL_GROUP', 'SOCIAL_SERVICE_INSTITUTION', 'FOUNDATION')),
    management_class  TEXT        NOT NULL CHECK (management_class IN ('REGISTERED', 'TOWNSHIP_MANAGED', 'COMMUNITY_GUIDED')),
    category          TEXT        NOT NULL CHECK (category IN ('FUNCTIONAL_SERVICE', 'INTEREST_VOLUNTEER')),
    subcategory       TEXT,
    service_areas     TEXT        NOT NULL DEFAULT '',
    community_code    TEXT        NOT NULL CHECK (community_code ~ '^[0-9]{12}$'),
    registered_on     DATE        NOT NULL,
    established_on    DATE,
    leader_name       TEXT,
    leader_phone      TEXT,
    member_count      INTEGER     CHECK (member_count >= 1),
    hub_type          BOOLEAN     NOT NULL DEFAULT false,
    charter_adopted   BOOLEAN     NOT NULL DEFAULT false,
    status            TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'ABNORMAL', 'SUSPENDED', 'DEREGISTERED')),
    status_reason     TEXT,
    version           BIGINT      NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    name_grams        TEXT[]      GENERATED ALWAYS AS (name_grams(name)) STORED,
    CHECK (management_class = 'REGISTERED' OR legal_form IS NULL),
    CHECK (management_class <> 'REGISTERED' OR (legal_form IS NOT NULL AND credit_code IS NOT NULL)),
    CHECK (established_on IS NULL OR registered_on >= established_on)
);
-- Unique among organizations not deregistered (a deregistered one frees its code and its name).
CREATE UNIQUE INDEX organization_credit_code_current ON organization (credit_code)
    WHERE status <> 'DEREGISTERED' AND credit_code IS NOT NULL;
CREATE UNIQUE INDEX organization_name_in_community ON organization (community_code, name)
    WHERE status <> 'DEREGISTERED';
CREATE INDEX organization_credit_code ON organization (credit_code) WHERE credit_code IS NOT NULL;
CREATE INDEX organization_community ON organization (community_code, registered_on);
CREATE INDEX organization_registered_on ON organization (registered_on);
CREATE INDEX organization_name_grams ON organization USING gin (name_grams);

-- Every change of an organization: who, when, what (state before and after), why.
CREATE TABLE organization_change (
    id               BIGSERIAL   PRIMARY KEY,
    organization_id  UUID        NOT NULL REFERENCES organization (id),
    version          BIGINT      NOT NULL,
    change_type      TEXT        NOT NULL,
    before_state     JSONB,
    after_state      JSONB       NOT NULL,
    reason           TEXT,
    changed_by       TEXT        NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, version)
);

-- Idempotency-Key of POST /organizations: the first answer, replayed to a retry by the same caller.
CREATE TABLE idempotency_key (
    caller        TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    status        INTEGER     NOT NULL,
    location      TEXT,
    body          TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, key)
);

-- Bulk imports: the job, its rows waiting in chunks (each chunk applied and deleted in one
-- transaction, so a restart resumes exactly where it stopped), and the rejected rows with reasons.
CREATE TABLE import_job (
    id               UUID        PRIMARY KEY,
    format           TEXT        NOT NULL,
    status           TEXT        NOT NULL,
    outcome          TEXT,
    total_rows       INTEGER     NOT NULL,
    rows_done        INTEGER     NOT NULL DEFAULT 0,
    applied          INTEGER     NOT NULL DEFAULT 0,
    rejected         INTEGER     NOT NULL DEFAULT 0,
    submitted_by     TEXT        NOT NULL,
    submitter        TEXT        NOT NULL,
    write_scope      TEXT        NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    failure          TEXT
);
CREATE INDEX import_job_pending ON import_job (created_at) WHERE status IN ('QUEUED', 'RUNNING');

CREATE TABLE import_chunk (
    job_id     UUID    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    chunk_no   INTEGER NOT NULL,
    rows       TEXT    NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, chunk_no)
);

CREATE TABLE import_row_error (
    job_id      UUID    NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
    row_number  INTEGER NOT NULL,
    errors      JSONB   NOT NULL,
    PRIMARY KEY (job_id, row_number)
);

-- Records (作用发挥, 规范管理). Append-only.
CREATE TABLE activity (
    id               UUID        PRIMARY KEY,
    organization_id  UUID        NOT NULL REFERENCES organization (id),
    theme            TEXT        NOT NULL,
    held_on          DATE        NOT NULL,
    beneficiaries    TEXT        NOT NULL,
    description      TEXT        NOT NULL,
    recorded_by      TEXT        NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX activity_organization ON activity (organization_id, held_on DESC);

CREATE TABLE major_activity_report (
    id                   UUID        PRIMARY KEY,
    organization_id      UUID        NOT NULL REFERENCES organization (id),
    kind                 TEXT        NOT NULL,
    title                TEXT        NOT NULL,
    planned_on           DATE        NOT NULL,
    expected_attendance  INTEGER     NOT NULL CHECK (expected_attendance >= 1),
    venue                TEXT        NOT NULL,
    recorded_by          TEXT        NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX major_activity_report_organization ON major_activity_report (organization_id, planned_on DESC);

CREATE TABLE work_report (
    id               UUID        PRIMARY KEY,
    organization_id  UUID        NOT NULL REFERENCES organization (id),
    period           TEXT        NOT NULL,
    period_start     DATE        NOT NULL,
    content          TEXT        NOT NULL,
    recorded_by      TEXT        NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (organization_id, period)
);
CREATE INDEX work_report_organization ON work_report (organization_id, period_start DESC);

CREATE TABLE evaluation (
    id              UUID        PRIMARY KEY,
    work_report_id  UUID        NOT NULL REFERENCES work_report (id),
    evaluator       TEXT        NOT NULL,
    rating          TEXT        NOT NULL,
    comment         TEXT,
    evaluated_on    DATE        NOT NULL,
    recorded_by     TEXT        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX evaluation_report ON evaluation (work_report_id, evaluated_on DESC);
-- The two committees give one evaluation per report; residents as many as they hold.
CREATE UNIQUE INDEX evaluation_two_committees_once ON evaluation (work_report_id) WHERE evaluator = 'TWO_COMMITTEES';

CREATE TABLE party_liaison (
    id                  UUID        PRIMARY KEY,
    organization_id     UUID        NOT NULL REFERENCES organization (id),
    liaison             TEXT        NOT NULL,
    party_organization  TEXT        NOT NULL,
    since               DATE        NOT NULL,
    recorded_by         TEXT        NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX party_liaison_organization ON party_liaison (organization_id, since DESC);
