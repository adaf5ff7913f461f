-- Test data only (src/test): an organization whose history was written before V5 moved it into
-- change_log, as the old code wrote organization_change (state timestamps to the nanosecond).
-- LegacyHistoryTest reads its history after the migration.
INSERT INTO organization (id, name, credit_code, legal_form, management_class, category, subcategory, service_areas,
                          community_code, registered_on, established_on, leader_name, leader_phone, member_count, hub_type,
                          charter_adopted, status, status_reason, status_effective_on, version, created_at, updated_at)
VALUES ('0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f', '迁移前邻里互助会', '51511102MJQ0000017', 'SOCIAL_GROUP', 'REGISTERED',
        'FUNCTIONAL_SERVICE', 'LIFE_SERVICE', 'ELDERLY_CARE,HEALTH_CARE', '511102004001', '2023-04-12', '2023-03-01',
        '王秀英', '13800001234', 30, false, true, 'ABNORMAL', '连续一年未开展活动', '2024-01-15', 3,
        '2025-03-01 02:03:04.123456+00', '2025-03-05 06:07:08.654321+00');

INSERT INTO organization_change (organization_id, version, change_type, before_state, after_state, reason, changed_by, changed_at)
VALUES
('0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f', 1, 'REGISTERED', NULL,
 '{"id":"0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f","name":"迁移前邻里互助会","creditCode":"51511102MJQ0000017","legalForm":"SOCIAL_GROUP","managementClass":"REGISTERED","category":"FUNCTIONAL_SERVICE","subcategory":"LIFE_SERVICE","serviceAreas":["ELDERLY_CARE","HEALTH_CARE"],"communityCode":"511102004001","registeredOn":"2023-04-12","establishedOn":"2023-03-01","leader":{"name":"王秀英","phone":"13800001234"},"memberCount":25,"hubType":false,"charterAdopted":true,"status":"ACTIVE","statusReason":null,"statusEffectiveOn":"2023-04-12","version":1,"createdAt":"2025-03-01T02:03:04.123456789Z","updatedAt":"2025-03-01T02:03:04.123456789Z"}',
 NULL, 'clerk-dafo', '2025-03-01 02:03:04.123456+00'),
('0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f', 2, 'UPDATED',
 '{"id":"0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f","name":"迁移前邻里互助会","creditCode":"51511102MJQ0000017","legalForm":"SOCIAL_GROUP","managementClass":"REGISTERED","category":"FUNCTIONAL_SERVICE","subcategory":"LIFE_SERVICE","serviceAreas":["ELDERLY_CARE","HEALTH_CARE"],"communityCode":"511102004001","registeredOn":"2023-04-12","establishedOn":"2023-03-01","leader":{"name":"王秀英","phone":"13800001234"},"memberCount":25,"hubType":false,"charterAdopted":true,"status":"ACTIVE","statusReason":null,"statusEffectiveOn":"2023-04-12","version":1,"createdAt":"2025-03-01T02:03:04.123456Z","updatedAt":"2025-03-01T02:03:04.123456Z"}',
 '{"id":"0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f","name":"迁移前邻里互助会","creditCode":"51511102MJQ0000017","legalForm":"SOCIAL_GROUP","managementClass":"REGISTERED","category":"FUNCTIONAL_SERVICE","subcategory":"LIFE_SERVICE","serviceAreas":["ELDERLY_CARE","HEALTH_CARE"],"communityCode":"511102004001","registeredOn":"2023-04-12","establishedOn":"2023-03-01","leader":{"name":"王秀英","phone":"13800001234"},"memberCount":30,"hubType":false,"charterAdopted":true,"status":"ACTIVE","statusReason":null,"statusEffectiveOn":"2023-04-12","version":2,"createdAt":"2025-03-01T02:03:04.123456Z","updatedAt":"2025-03-02T03:04:05.987654321Z"}',
 NULL, 'clerk-dafo', '2025-03-02 03:04:05.987654+00'),
('0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f', 3, 'STATUS_CHANGED',
 '{"id":"0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f","name":"迁移前邻里互助会","creditCode":"51511102MJQ0000017","legalForm":"SOCIAL_GROUP","managementClass":"REGISTERED","category":"FUNCTIONAL_SERVICE","subcategory":"LIFE_SERVICE","serviceAreas":["ELDERLY_CARE","HEALTH_CARE"],"communityCode":"511102004001","registeredOn":"2023-04-12","establishedOn":"2023-03-01","leader":{"name":"王秀英","phone":"13800001234"},"memberCount":30,"hubType":false,"charterAdopted":true,"status":"ACTIVE","statusReason":null,"statusEffectiveOn":"2023-04-12","version":2,"createdAt":"2025-03-01T02:03:04.123456Z","updatedAt":"2025-03-02T03:04:05.987654Z"}',
 '{"id":"0e6f1d4c-5b1a-4c53-9d2e-7a0b3c4d5e6f","name":"迁移前邻里互助会","creditCode":"51511102MJQ0000017","legalForm":"SOCIAL_GROUP","managementClass":"REGISTERED","category":"FUNCTIONAL_SERVICE","subcategory":"LIFE_SERVICE","serviceAreas":["ELDERLY_CARE","HEALTH_CARE"],"communityCode":"511102004001","registeredOn":"2023-04-12","establishedOn":"2023-03-01","leader":{"name":"王秀英","phone":"13800001234"},"memberCount":30,"hubType":false,"charterAdopted":true,"status":"ABNORMAL","statusReason":"连续一年未开展活动","statusEffectiveOn":"2024-01-15","version":3,"createdAt":"2025-03-01T02:03:04.123456Z","updatedAt":"2025-03-05T06:07:08.654321Z"}',
 '连续一年未开展活动', 'clerk-dafo', '2025-03-05 06:07:08.654321+00');
