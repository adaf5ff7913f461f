-- Name search (q) at a province's scale: 1,000,000 organizations with realistic Chinese names.
-- Run: psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -f bench/organization-search.sql
-- It creates (and leaves for inspection) the scratch database registry_bench with registry's own
-- migration, loads the rows with generate_series, and times the queries registry-service sends.
\set QUIET on
DROP DATABASE IF EXISTS registry_bench;
CREATE DATABASE registry_bench;
\c registry_bench
\i registry-service/src/main/resources/db/migration/V2__organizations.sql
\timing on
\echo loading 1,000,000 organizations across 1,371 communities
INSERT INTO organization (id, name, credit_code, legal_form, management_class, category, subcategory, service_areas,
                          community_code, registered_on, status, version, created_at, updated_at)
SELECT md5(i::text)::uuid,
       (ARRAY['篦子街','碧山路','龙泓路','钓鱼台','新场','任家坝','大佛坝','鞍山','棕桥','明月','永安','源安','通江','海棠',
              '嘉州','青衣','苏稽','水口','牟子','悦来','沙湾','五通','金口','犍为','井研','夹江','沐川','峨边','马边','峨眉'])
           [1 + i % 30]
       || (ARRAY['社区','村','街道','镇','乡'])[1 + (i / 30) % 5]
       || (ARRAY['老年','青年','妇女','儿童','邻里','志愿','巾帼','夕阳红','阳光','和谐','平安','爱心','文明','红色','乡贤'])
           [1 + (i / 150) % 15]
       || (ARRAY['舞蹈队','合唱团','书画社','太极拳协会','象棋协会','篮球队','腰鼓队','川剧社','互助会','志愿服务队',
                 '调解委员会','巡逻队','读书会','摄影协会','健身队','关爱服务中心','慈善会','环保协会','法律服务社',
                 '养老服务站'])[1 + (i / 2250) % 20]
       || i,
       NULL, NULL, 'COMMUNITY_GUIDED',
       CASE WHEN i % 2 = 0 THEN 'FUNCTIONAL_SERVICE' ELSE 'INTEREST_VOLUNTEER' END, NULL, '',
       '5111' || lpad((i % 1371)::text, 8, '0'),
       date '2021-01-01' + (i % 1800), 'ACTIVE', 1, now(), now()
FROM generate_series(1, 1000000) AS i;
VACUUM ANALYZE organization;
SELECT pg_size_pretty(pg_total_relation_size('organization')) AS table_with_indexes,
       pg_size_pretty(pg_relation_size('organization_name_grams')) AS gram_index;
\echo
\echo q = 舞蹈 (two characters, one name in twenty): first page and the total
SELECT count(*) FROM organization WHERE name_grams @> ARRAY['舞蹈']::text[] AND lower(name) LIKE '%舞蹈%';
EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT id, name FROM organization
 WHERE name_grams @> ARRAY['舞蹈']::text[] AND lower(name) LIKE '%舞蹈%' ORDER BY name, id LIMIT 50;
\echo q = 明月村 (three characters, one name in 150)
SELECT count(*) FROM organization WHERE name_grams @> ARRAY['明月', '月村']::text[] AND lower(name) LIKE '%明月村%';
SELECT count(*) FROM (SELECT id FROM organization
 WHERE name_grams @> ARRAY['明月', '月村']::text[] AND lower(name) LIKE '%明月村%' ORDER BY name, id LIMIT 50) AS page;
\echo q = 明月村夕阳红川剧社 (a whole name)
SELECT count(*) FROM organization WHERE name_grams @> ARRAY['明月','月村','村夕','夕阳','阳红','红川','川剧','剧社']::text[]
   AND lower(name) LIKE '%明月村夕阳红川剧社%';
\echo q = 川剧社 within one community
SELECT count(*) FROM organization WHERE community_code IN ('511100000010') AND name_grams @> ARRAY['川剧', '剧社']::text[]
   AND lower(name) LIKE '%川剧社%';
\echo the same search without the index (sequential scan), for comparison
SET enable_bitmapscan = off; SET enable_indexscan = off;
SELECT count(*) FROM organization WHERE lower(name) LIKE '%明月村%';
RESET enable_bitmapscan; RESET enable_indexscan;
-- registry-service sends the communities under the asked division as a list of literal parameters.
SELECT string_agg(quote_literal('5111' || lpad(c::text, 8, '0')), ',') AS city FROM generate_series(0, 1370) c \gset
SELECT string_agg(quote_literal('5111' || lpad(c::text, 8, '0')), ',') AS county FROM generate_series(0, 99) c \gset
\echo the list as the city bureau sends it: its 1,371 communities and q = 明月村: the total, then the first page
SELECT count(*) FROM organization WHERE community_code IN (:city)
   AND name_grams @> ARRAY['明月', '月村']::text[] AND lower(name) LIKE '%明月村%';
SELECT count(*) FROM (SELECT id FROM organization WHERE community_code IN (:city)
   AND name_grams @> ARRAY['明月', '月村']::text[] AND lower(name) LIKE '%明月村%' ORDER BY name, id LIMIT 50) AS page;
\echo a county list without q (100 communities, 73,000 organizations): the total, then the first page by name
SELECT count(*) FROM organization WHERE community_code IN (:county);
SELECT count(*) FROM (SELECT id FROM organization WHERE community_code IN (:county) ORDER BY name, id LIMIT 50) AS page;
\echo the whole city without q: the total
SELECT count(*) FROM organization WHERE community_code IN (:city);
