-- The public list (anyone, no token) reads current organizations in name order, at most 1,000 deep:
-- this index serves it as a walk of at most that many entries instead of a sort of every match.
CREATE INDEX organization_current_name ON organization (name, id) WHERE status <> 'DEREGISTERED';
