-- Organizations' history moves into the chassis' one history table (change_log, chassis V0_4),
-- row for row and in the same order, so that GET /organizations/{id}/history answers as before.
INSERT INTO change_log (aggregate_type, aggregate_id, version, change_type, before, after, reason, changed_by, changed_at)
SELECT 'organization', organization_id::text, version, change_type, before_state, after_state, reason, changed_by, changed_at
FROM organization_change
ORDER BY id;

DROP TABLE organization_change;
