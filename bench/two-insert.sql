-- The baseline of scenario 2 (pgbench -f): the two inserts of a registration's transaction, into copies of
-- registry's organization table (its checks, generated search column and indexes) and outbox table.
\set n random(1, 9000000000000000)
BEGIN;
INSERT INTO pgbench_organization (id, name, management_class, category, service_areas, community_code, registered_on,
    leader_name, leader_phone, hub_type, charter_adopted, status, status_effective_on, version, created_at, updated_at)
VALUES (gen_random_uuid(), '基准对照' || :n || '舞蹈队', 'COMMUNITY_GUIDED', 'INTEREST_VOLUNTEER', '', '511102004001',
    DATE '2025-03-01', '测试', '13800000000', false, false, 'ACTIVE', DATE '2025-03-01', 0, now(), now());
INSERT INTO pgbench_outbox (id, topic, aggregate_id, type, source, occurred_at, payload)
VALUES (gen_random_uuid(), 'miaopu.registry.v1', :n::text, 'io.miaopu.registry.organization-filed.v1', '/miaopu/registry', now(),
    ('{"id":"' || gen_random_uuid() || '","name":"基准对照' || :n || '舞蹈队","creditCode":null,"legalForm":null,'
     '"managementClass":"COMMUNITY_GUIDED","category":"INTEREST_VOLUNTEER","subcategory":null,"serviceAreas":[],'
     '"communityCode":"511102004001","countyCode":"511102","registeredOn":"2025-03-01","establishedOn":null,'
     '"memberCount":null,"hubType":false,"charterAdopted":false,"status":"ACTIVE","statusEffectiveOn":"2025-03-01","statusReason":null,"version":0}')::jsonb);
END;
