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
