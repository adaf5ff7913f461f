-- The training ledger of backbone talent (骨干人才培训). training-service alone writes here.

-- Organizations as registry announces them (chassis OrganizationReplica), to check a trainee's organization.
CREATE TABLE organization_replica (
    id              UUID        PRIMARY KEY,
    name            TEXT        NOT NULL,
    community_code  TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    version         BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A training session, recorded once held.
CREATE TABLE training_session (
    id                   UUID         PRIMARY KEY,
    title                TEXT         NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    format               TEXT         NOT NULL CHECK (format IN ('DEMONSTRATION', 'ONLINE_CLASS', 'NEW_MEDIA')),
    topics               TEXT         NOT NULL,
    organizing_division  TEXT         NOT NULL,
    held_on              DATE         NOT NULL,
    hours                NUMERIC(4,1) NOT NULL CHECK (hours > 0 AND hours <= 200),
    trainer              TEXT,
    recorded_by          TEXT         NOT NULL,
    recorded_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX training_session_division ON training_session (organizing_division, held_on);
CREATE INDEX training_session_held_on ON training_session (held_on);

-- A person trained: one row per person, found again by the mobile phone (the stable key).
CREATE TABLE trainee (
    id               UUID        PRIMARY KEY,
    name             TEXT        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
    role             TEXT        NOT NULL CHECK (role IN ('CIVIL_AFFAIRS_ASSISTANT', 'COMMUNITY_WORKER', 'CHILD_DIRECTOR',
                                                          'ORG_LEADER', 'SOCIAL_WORKER', 'VOLUNTEER')),
    division_code    TEXT        NOT NULL,
    organization_id  UUID,
    phone            TEXT        NOT NULL UNIQUE CHECK (phone ~ '^1[3-9][0-9]{9}$'),
    version          BIGINT      NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX trainee_division ON trainee (division_code);

-- The append-only ledger: RECORDED is one person-time (人次); REVERSED cancels exactly one RECORDED
-- entry, with a reason. Rows are never updated or deleted. The trainee's role, division and township
-- are kept as they were when the entry was made: that is what the entry counted for.
CREATE TABLE attendance_entry (
    id                UUID        PRIMARY KEY,
    session_id        UUID        NOT NULL REFERENCES training_session (id),
    trainee_id        UUID        NOT NULL REFERENCES trainee (id),
    kind              TEXT        NOT NULL CHECK (kind IN ('RECORDED', 'REVERSED')),
    reverses          UUID        UNIQUE REFERENCES attendance_entry (id),
    reason            TEXT,
    trainee_role      TEXT        NOT NULL,
    trainee_division  TEXT        NOT NULL,
    township_code     TEXT,
    recorded_by       TEXT        NOT NULL,
    recorded_at       TIMESTAMPTZ NOT NULL,
    CHECK ((kind = 'RECORDED') = (reverses IS NULL)),
    CHECK (kind = 'RECORDED' OR reason IS NOT NULL)
);
CREATE INDEX attendance_entry_session ON attendance_entry (session_id, trainee_id);
CREATE INDEX attendance_entry_division ON attendance_entry (trainee_division);
CREATE FUNCTION attendance_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the attendance ledger is append-only: correct an entry with a reversal';
END $$;
CREATE TRIGGER attendance_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON attendance_entry
    FOR EACH STATEMENT EXECUTE FUNCTION attendance_entry_is_append_only();

-- Support for the national social-worker qualification exam (社会工作者职业资格考试).
CREATE TABLE exam_support (
    id           UUID        PRIMARY KEY,
    trainee_id   UUID        NOT NULL REFERENCES trainee (id),
    kind         TEXT        NOT NULL CHECK (kind IN ('MATERIALS', 'PRE_EXAM_TRAINING', 'EXAM_FEE')),
    amount_fen   BIGINT      NOT NULL CHECK (amount_fen > 0),
    granted_on   DATE        NOT NULL,
    note         TEXT,
    recorded_by  TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX exam_support_trainee ON exam_support (trainee_id, granted_on);

CREATE TABLE exam_result (
    id           UUID        PRIMARY KEY,
    trainee_id   UUID        NOT NULL REFERENCES trainee (id),
    year         INTEGER     NOT NULL,
    level        TEXT        NOT NULL CHECK (level IN ('ASSISTANT', 'INTERMEDIATE')),
    passed       BOOLEAN     NOT NULL,
    recorded_by  TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (trainee_id, year, level)
);
