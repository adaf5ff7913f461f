-- The day an organization's current status took effect (issue 18, facts with effective dates): 注销,
-- listing as abnormal (活动异常) or suspension (暂停) is dated by the day it took effect, no longer by the
-- day it was recorded. For an organization active since it was registered or filed: its registered_on.
ALTER TABLE organization ADD COLUMN status_effective_on DATE;

-- Existing organizations: until now a status change took effect the day it was recorded, so the best
-- knowledge is the (China Standard Time) day of the last status change in the history; an organization
-- never changed in status has had it since it was registered or filed. Never before registered_on
-- (a registeredOn corrected later than the status change).
UPDATE organization o SET status_effective_on = greatest(o.registered_on, coalesce(
    (SELECT cast(c.changed_at AT TIME ZONE 'Asia/Shanghai' AS date) FROM organization_change c
      WHERE c.organization_id = o.id AND c.change_type = 'STATUS_CHANGED'
      ORDER BY c.version DESC LIMIT 1),
    o.registered_on));

ALTER TABLE organization ALTER COLUMN status_effective_on SET NOT NULL;
