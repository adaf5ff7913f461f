-- The plan's targets as data (乐山市社区社会组织培育发展专项行动 2021–2025) and the projections they are measured on.
-- Nothing about a threshold, a tier or a year is written in code: the city bureau revises them here (PUT /targets/{id}).

CREATE TABLE target (
    id               TEXT        PRIMARY KEY,
    kind             TEXT        NOT NULL,
    name_zh          TEXT        NOT NULL,
    name_en          TEXT        NOT NULL,
    -- Thresholds: one figure, or one for urban and one for rural communities.
    threshold        NUMERIC,
    urban_threshold  NUMERIC,
    rural_threshold  NUMERIC,
    unit             TEXT        NOT NULL,
    -- The county-level units a tier target applies to; the counties a coverage target leaves out.
    counties         TEXT        NOT NULL DEFAULT '',
    excluded         TEXT        NOT NULL DEFAULT '',
    category         TEXT,
    first_year       INTEGER,
    due_year         INTEGER     NOT NULL,
    version          BIGINT      NOT NULL DEFAULT 1,
    updated_by       TEXT        NOT NULL DEFAULT 'plan of 2022-03-02',
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE target_change (
    id          BIGSERIAL   PRIMARY KEY,
    target_id   TEXT        NOT NULL REFERENCES target (id),
    version     BIGINT      NOT NULL,
    before      JSONB       NOT NULL,
    after       JSONB       NOT NULL,
    reason      TEXT        NOT NULL,
    changed_by  TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);

INSERT INTO target (id, kind, name_zh, name_en, threshold, urban_threshold, rural_threshold, unit, counties, excluded, category, first_year, due_year) VALUES
 ('T1', 'CITY_AVERAGE', '全市城市社区平均拥有社区社会组织', 'Organizations per urban community, city-wide', 12, NULL, NULL, 'organizations per community', '', '', 'URBAN', NULL, 2025),
 ('T2', 'CITY_AVERAGE', '全市农村社区平均拥有社区社会组织', 'Organizations per rural community, city-wide', 5, NULL, NULL, 'organizations per community', '', '', 'RURAL', NULL, 2025),
 ('T3', 'TIER_AVERAGE', '市中区、五通桥区、沙湾区、高新区、夹江县、峨眉山市：城市/农村社区平均', 'Tier A counties: per urban / rural community', NULL, 15, 8, 'organizations per community', '511102,511112,511111,5111GX,511126,511181', '', NULL, NULL, 2025),
 ('T4', 'TIER_AVERAGE', '犍为县、井研县、沐川县：城市/农村社区平均', 'Tier B counties: per urban / rural community', NULL, 12, 6, 'organizations per community', '511123,511124,511129', '', NULL, NULL, 2025),
 ('T5', 'TIER_AVERAGE', '金口河区、峨边县、马边县：城市/农村社区平均', 'Tier C counties: per urban / rural community', NULL, 10, 4, 'organizations per community', '511113,511132,511133', '', NULL, NULL, 2025),
 ('T6', 'NEW_PER_YEAR', '每年新增登记、备案功能服务型社区社会组织', 'New functional-service organizations each year', 100, NULL, NULL, 'organizations per year', '', '', 'FUNCTIONAL_SERVICE', 2021, 2025),
 ('T7', 'NEW_PER_YEAR', '每年新增登记、备案兴趣爱好型、志愿服务型社区社会组织', 'New interest and volunteer organizations each year', 100, NULL, NULL, 'organizations per year', '', '', 'INTEREST_VOLUNTEER', 2021, 2025),
 ('T8', 'FEDERATION_COVERAGE', '城市街道社区社会组织联合会覆盖率', 'Hub federations: share of streets covered', 1.00, NULL, NULL, 'share', '', '', 'STREET', NULL, 2025),
 ('T9', 'FEDERATION_COVERAGE', '乡镇社区社会组织联合会覆盖率（峨边、马边试点）', 'Hub federations: share of townships covered (峨边, 马边 pilots)', 0.75, NULL, NULL, 'share', '', '511132,511133', 'TOWNSHIP', NULL, 2025),
 ('T10', 'TRAINING_PERSON_TIMES', '社区社会工作人才培训累计人次', 'Backbone-talent training, cumulative person-times', 1000, NULL, NULL, 'person-times', '', '', NULL, 2021, 2025),
 ('T11', 'HUB_DEMONSTRATIONS', '创建枢纽型示范社区社会组织（累计）', 'Hub-type demonstration organizations, cumulative', 20, NULL, NULL, 'organizations', '', '', NULL, 2021, 2025),
 ('T12', 'INCUBATION_SYSTEM', '初步建成五级联动孵化体系', 'Five-level incubation system initially built', 1.00, NULL, NULL, 'share', '', '', NULL, 2021, 2023),
 ('T13', 'TRAINING_COVERAGE', '普遍开展社区社会组织骨干人才培训（乡镇街道覆盖率）', 'Training in every township-level unit', 1.00, NULL, NULL, 'share', '', '', NULL, 2021, 2025);

-- Organizations as registry announces them: what the targets count (no names, no people).
CREATE TABLE organization_projection (
    id                UUID        PRIMARY KEY,
    community_code    TEXT        NOT NULL,
    category          TEXT        NOT NULL,
    management_class  TEXT        NOT NULL,
    registered_on     DATE        NOT NULL,
    status            TEXT        NOT NULL,
    version           BIGINT      NOT NULL,
    applied_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX organization_projection_community ON organization_projection (community_code);
CREATE INDEX organization_projection_registered ON organization_projection (registered_on, category);

-- The time of the newest event applied to the projections: the "as of" of every figure.
CREATE TABLE projection_clock (
    name        TEXT        PRIMARY KEY,
    event_time  TIMESTAMPTZ NOT NULL
);
