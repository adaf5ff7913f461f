-- One history table shape per service (issue 20): the chassis change_log (V0_4) keeps every audited change of
-- incubation's aggregates. The two old history tables move into it, each in id order, so that every /history
-- endpoint answers exactly as before (HistoryAnswersTest compares the answers field by field).

-- A division's history entry answered effectiveOn from division_change.effective_on; change_log has no such
-- column, so the answer now reads it from the state after the change, which has held it since V6 (the day the
-- change took effect; null for the seeded state). Rows written before V6 hold no effectiveOn in their state:
-- V6 dated them the (China Standard Time) day they were recorded, and the answer derives the same day.
-- Refuse to migrate rather than answer another day than before.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM division_change
                WHERE effective_on IS DISTINCT FROM
                      CASE WHEN after_state ? 'effectiveOn' THEN (after_state ->> 'effectiveOn')::date
                           WHEN change_type = 'SEEDED' THEN NULL
                           ELSE cast(changed_at AT TIME ZONE 'Asia/Shanghai' AS date) END) THEN
        RAISE EXCEPTION 'division_change.effective_on differs from the day its state after the change implies';
    END IF;
END
$$;

INSERT INTO change_log (aggregate_type, aggregate_id, version, change_type, before, after, reason, changed_by, changed_at)
SELECT structure_type, structure_id::text, version, change_type, before_state, after_state, reason, changed_by, changed_at
  FROM structure_change
 ORDER BY id;

INSERT INTO change_log (aggregate_type, aggregate_id, version, change_type, before, after, reason, changed_by, changed_at)
SELECT 'division', code, revision, change_type, before_state, after_state, reason, changed_by, changed_at
  FROM division_change
 ORDER BY id;

DROP TABLE structure_change;
DROP TABLE division_change;
