-- Plans as data: the city's 2021–2025 plan becomes one plan among others, its 13 targets unchanged and every
-- recorded revision kept; a revision applies from a stated year (target_revision), so that past years keep
-- their figures; final evaluations (终期评估) are frozen documents.

CREATE TABLE plan (
    id             TEXT        PRIMARY KEY,
    name_zh        TEXT        NOT NULL,
    name_en        TEXT,
    -- The issuing division: the city today; a county's plan fits the same table.
    division_code  TEXT        NOT NULL,
    first_year     INTEGER     NOT NULL,
    last_year      INTEGER     NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'CLOSED')),
    copied_from    TEXT        REFERENCES plan (id),
    version        BIGINT      NOT NULL DEFAULT 1,
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by     TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (first_year <= last_year)
);

INSERT INTO plan (id, name_zh, name_en, division_code, first_year, last_year, status, created_by, updated_by)
VALUES ('leshan-2021-2025', '乐山市培育发展社区社会组织专项行动（2021—2025年）',
        'Leshan City: cultivating community social organizations, 2021–2025', '5111', 2021, 2025, 'ACTIVE',
        'plan of 2022-03-02', 'plan of 2022-03-02');

-- The targets belong to a plan; ids are unique within it.
ALTER TABLE target_change DROP CONSTRAINT target_change_target_id_fkey;
ALTER TABLE target ADD COLUMN plan_id TEXT;
UPDATE target SET plan_id = 'leshan-2021-2025';
ALTER TABLE target ALTER COLUMN plan_id SET NOT NULL;
ALTER TABLE target ADD CONSTRAINT target_plan_fkey FOREIGN KEY (plan_id) REFERENCES plan (id);
ALTER TABLE target DROP CONSTRAINT target_pkey;
ALTER TABLE target ADD PRIMARY KEY (plan_id, id);
-- The order in which a plan lists its targets (T1 before T10).
ALTER TABLE target ADD COLUMN position INTEGER;
UPDATE target SET position = substring(id FROM 2)::integer;
ALTER TABLE target ALTER COLUMN position SET NOT NULL;
-- Definitions the plan text leaves to the bureau (docs/metrics.md): T11 demonstrations, T12 levels, T13 coverage.
ALTER TABLE target ADD COLUMN options JSONB NOT NULL DEFAULT '{}';
UPDATE target SET options = '{"demonstrations": "NET"}' WHERE kind = 'HUB_DEMONSTRATIONS';
UPDATE target SET options = '{"levels": ["PROVINCE", "CITY", "COUNTY"]}' WHERE kind = 'INCUBATION_SYSTEM';
UPDATE target SET options = '{"coverageBy": "TRAINEE_DIVISION"}' WHERE kind = 'TRAINING_COVERAGE';

ALTER TABLE target_change ADD COLUMN plan_id TEXT;
UPDATE target_change SET plan_id = 'leshan-2021-2025';
ALTER TABLE target_change ALTER COLUMN plan_id SET NOT NULL;
-- The first year a revision applies to; revisions recorded before plans applied to every year.
ALTER TABLE target_change ADD COLUMN from_year INTEGER;
ALTER TABLE target_change ADD CONSTRAINT target_change_target_fkey FOREIGN KEY (plan_id, target_id)
    REFERENCES target (plan_id, id) ON DELETE CASCADE;
CREATE INDEX target_change_target ON target_change (plan_id, target_id, version);

-- The figures of a target in force from a year: the year measured uses the newest revision whose from_year
-- is not after it. A revision's from_year is never before the previous one's, so each row holds whole figures.
CREATE TABLE target_revision (
    plan_id          TEXT        NOT NULL,
    target_id        TEXT        NOT NULL,
    version          BIGINT      NOT NULL,
    from_year        INTEGER     NOT NULL,
    threshold        NUMERIC,
    urban_threshold  NUMERIC,
    rural_threshold  NUMERIC,
    counties         TEXT        NOT NULL DEFAULT '',
    excluded         TEXT        NOT NULL DEFAULT '',
    category         TEXT,
    first_year       INTEGER,
    due_year         INTEGER     NOT NULL,
    options          JSONB       NOT NULL DEFAULT '{}',
    PRIMARY KEY (plan_id, target_id, version),
    FOREIGN KEY (plan_id, target_id) REFERENCES target (plan_id, id) ON DELETE CASCADE
);
INSERT INTO target_revision (plan_id, target_id, version, from_year, threshold, urban_threshold, rural_threshold, counties,
                             excluded, category, first_year, due_year, options)
SELECT t.plan_id, t.id, t.version, p.first_year, t.threshold, t.urban_threshold, t.rural_threshold, t.counties, t.excluded,
       t.category, t.first_year, t.due_year, t.options
  FROM target t JOIN plan p ON p.id = t.plan_id;

-- Final evaluations (终期评估): the document as first answered, byte for byte, and the SHA-256 of its figures.
CREATE TABLE plan_evaluation (
    id            UUID        PRIMARY KEY,
    plan_id       TEXT        NOT NULL REFERENCES plan (id),
    note          TEXT        NOT NULL,
    evaluated_by  TEXT        NOT NULL,
    evaluated_at  TIMESTAMPTZ NOT NULL,
    as_of         TIMESTAMPTZ,
    sha256        TEXT        NOT NULL,
    document      TEXT        NOT NULL
);
CREATE INDEX plan_evaluation_plan ON plan_evaluation (plan_id, evaluated_at);

-- When registry recorded an organization first, and its deregistration (event times): what drift counts as
-- late registrations and backdated status changes. Rows projected before are taken as recorded then.
ALTER TABLE organization_projection ADD COLUMN first_recorded_at TIMESTAMPTZ;
ALTER TABLE organization_projection ADD COLUMN deregistration_recorded_at TIMESTAMPTZ;
UPDATE organization_projection SET first_recorded_at = applied_at,
       deregistration_recorded_at = CASE WHEN deregistered_on IS NULL THEN NULL ELSE applied_at END;

-- Person-times by the township-level unit of the session's organizing division (T13 coverageBy SESSION_LOCATION);
-- filled from the training topic (a rebuild fills it for attendances projected before it existed).
CREATE TABLE session_tally (
    organizing_division  TEXT    NOT NULL,
    held_year            INTEGER NOT NULL,
    person_times         BIGINT  NOT NULL,
    PRIMARY KEY (organizing_division, held_year)
);
