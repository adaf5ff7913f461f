-- Changes of the hierarchy carry the day they took effect (issue 18, facts with effective dates), so
-- that figures of past years count divisions as they then stood. NULL: since always (the seeded state).
ALTER TABLE division_change ADD COLUMN effective_on DATE;
ALTER TABLE division ADD COLUMN effective_on DATE;

-- Changes made before: they took effect the (China Standard Time) day they were recorded, the only day
-- known; the seeded states are since always. A division's current state took effect with its last change.
UPDATE division_change SET effective_on = cast(changed_at AT TIME ZONE 'Asia/Shanghai' AS date)
 WHERE change_type <> 'SEEDED';
UPDATE division d SET effective_on = (SELECT c.effective_on FROM division_change c WHERE c.code = d.code
                                       ORDER BY c.id DESC LIMIT 1);

-- The replicas keep only each division's latest record (compacted topic): a division changed before
-- effective days existed is announced again, with its dated versions from its history, so that the
-- replicas know its earlier spells (as DivisionService publishes them). Seeded-only divisions need
-- nothing: their records without versions mean one version, since always.
INSERT INTO outbox_event (id, topic, aggregate_id, type, source, occurred_at, payload)
SELECT gen_random_uuid(), 'miaopu.divisions.v1', d.code, 'io.miaopu.incubation.division.changed.v1', '/miaopu/incubation', now(),
       jsonb_build_object('code', d.code, 'name', d.name, 'level', d.level, 'parentCode', d.parent_code, 'kind', d.kind,
           'active', d.active, 'revision', d.revision, 'effectiveOn', d.effective_on,
           'versions', (SELECT jsonb_agg(jsonb_build_object('effectiveOn', c.effective_on, 'name', c.after_state->'name',
                                'parentCode', c.after_state->'parentCode', 'kind', c.after_state->'kind',
                                'active', c.after_state->'active') ORDER BY c.id)
                          FROM division_change c WHERE c.code = d.code
                           -- of changes taking effect the same day, the last one stands
                           AND NOT EXISTS (SELECT 1 FROM division_change l WHERE l.code = c.code AND l.id > c.id
                                                AND l.effective_on IS NOT DISTINCT FROM c.effective_on)))
  FROM division d
 WHERE EXISTS (SELECT 1 FROM division_change c WHERE c.code = d.code AND c.change_type <> 'SEEDED')
 ORDER BY d.code;
