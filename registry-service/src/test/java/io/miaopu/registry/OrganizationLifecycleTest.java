package io.miaopu.registry;

import io.miaopu.chassis.testing.ServiceDatabase;
import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN;
import static io.miaopu.registry.RegistryTestSupport.DAFO_URBAN_2;
import static io.miaopu.registry.RegistryTestSupport.TONGJIANG_COMMUNITY;
import static io.miaopu.chassis.testing.ServiceDatabase.count;
import static io.miaopu.registry.RegistryTestSupport.creditCode;
import static io.miaopu.registry.RegistryTestSupport.filed;
import static io.miaopu.registry.RegistryTestSupport.footprint;
import static io.miaopu.registry.RegistryTestSupport.name;
import static io.miaopu.registry.RegistryTestSupport.registered;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.miaopu.chassis.events.EventSchemas;
import io.miaopu.registry.domain.Classification.LegalForm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Status changes and their history, corrections under If-Match, idempotent creation, the provincial upsert. */
@QuarkusTest
class OrganizationLifecycleTest {

    @Inject
    EventSchemas schemas;
    @Inject
    io.miaopu.registry.service.IdempotencyPurge purge;

    @BeforeEach
    void hierarchy() throws Exception {
        RegistryTestSupport.divisions();
    }

    @Test
    void statusChangesFollowTheLifecycleEachWithAReasonAndAllKeptInTheHistory() throws Exception {
        String clerk = token("clerk-dafo");
        String id = create(clerk, registered(name("篦子街邻里互助会"), DAFO_URBAN));
        change(clerk, id, "ABNORMAL", "连续一年未开展活动", 200);
        change(clerk, id, "ACTIVE", "恢复活动", 200);
        change(clerk, id, "SUSPENDED", "负责人变更期间暂停", 200);
        String before = footprint();
        change(clerk, id, "ABNORMAL", "不允许", 422);                       // SUSPENDED → ABNORMAL is not a transition
        change(clerk, id, "SUSPENDED", "已暂停", 422);                      // nor is staying where it is
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("status", "ACTIVE"))
                .when().post(BASE + "/" + id + "/status-changes").then()
                .statusCode(400).body("errors.field", equalTo(List.of("reason")));
        given().auth().oauth2(clerk).contentType(ContentType.JSON).body(Map.of("status", "ACTIVE", "reason", " "))
                .when().post(BASE + "/" + id + "/status-changes").then()
                .statusCode(400).body("errors.field", equalTo(List.of("reason")));
        given().auth().oauth2(clerk).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("status", "ACTIVE", "reason", "过期的读取"))
                .when().post(BASE + "/" + id + "/status-changes").then().statusCode(412);
        assertEquals(before, footprint());
        change(clerk, id, "ACTIVE", "恢复", 200);
        change(clerk, id, "DEREGISTERED", "自行解散", 200);
        change(clerk, id, "ACTIVE", "注销是终态", 422);
        given().auth().oauth2(clerk).contentType(ContentType.JSON).header("If-Match", "\"6\"")
                .body(Map.of("name", "改名")).contentType("application/merge-patch+json; charset=UTF-8")
                .when().patch(BASE + "/" + id).then().statusCode(409);

        given().auth().oauth2(clerk).when().get(BASE + "/" + id + "/history").then()
                .statusCode(200)
                .body("changeType", contains("REGISTERED", "STATUS_CHANGED", "STATUS_CHANGED", "STATUS_CHANGED",
                        "STATUS_CHANGED", "STATUS_CHANGED"))
                .body("version", contains(1, 2, 3, 4, 5, 6))
                .body("reason", contains(null, "连续一年未开展活动", "恢复活动", "负责人变更期间暂停", "恢复", "自行解散"))
                .body("after.status", contains("ACTIVE", "ABNORMAL", "ACTIVE", "SUSPENDED", "ACTIVE", "DEREGISTERED"))
                .body("changedFields[1]", contains("status", "statusEffectiveOn", "statusReason"))
                .body("changedBy", everyIs("clerk-dafo"));
        for (String payload : ServiceDatabase.column("select payload::text from outbox_event where aggregate_id = '" + id
                + "' and type = 'io.miaopu.registry.organization.status-changed.v1'")) {
            schemas.validate("io.miaopu.registry.organization.status-changed.v1", payload);
        }
        assertEquals(5, count("select count(*) from outbox_event where aggregate_id = '" + id
                + "' and type = 'io.miaopu.registry.organization.status-changed.v1'"));
    }

    @Test
    void twoCorrectionsFromTheSameReadingOneSucceedsTheOtherGets412() throws Exception {
        String clerk = token("clerk-dafo");
        String id = create(clerk, filed(name("碧山路书画社"), DAFO_URBAN_2));
        String etag = given().auth().oauth2(clerk).when().get(BASE + "/" + id).then()
                .statusCode(200).header("ETag", equalTo("\"1\"")).extract().header("ETag");
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", etag)
                .body(Map.of("memberCount", 40, "serviceAreas", List.of("CALLIGRAPHY_PAINTING")))
                .when().patch(BASE + "/" + id).then()
                .statusCode(200).header("ETag", equalTo("\"2\""))
                .body("memberCount", equalTo(40)).body("serviceAreas", equalTo(List.of("CALLIGRAPHY_PAINTING")))
                .body("leader.name", equalTo("李桂兰"));
        String before = footprint();
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", etag)
                .body(Map.of("memberCount", 41))
                .when().patch(BASE + "/" + id).then()
                .statusCode(412).contentType("application/problem+json")
                .body("type", equalTo("urn:miaopu:problem:precondition-failed"));
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").body(Map.of("memberCount", 41))
                .when().patch(BASE + "/" + id).then().statusCode(428);
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"2\"")
                .body(Map.of("status", "DEREGISTERED", "version", 9))
                .when().patch(BASE + "/" + id).then()
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("status", "version"));
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"2\"")
                .body(Map.of("legalForm", "FOUNDATION"))
                .when().patch(BASE + "/" + id).then()
                .statusCode(400).body("errors.field", equalTo(List.of("legalForm")));
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"2\"")
                .body(Map.of("communityCode", TONGJIANG_COMMUNITY))
                .when().patch(BASE + "/" + id).then().statusCode(403);    // moving it out of the clerk's township
        assertEquals(before, footprint());
        // becoming registered: the class, a credit code and a legal form at once; null removes the leader
        String code = creditCode(LegalForm.SOCIAL_SERVICE_INSTITUTION);
        java.util.Map<String, Object> upgrade = new java.util.HashMap<>();
        upgrade.put("managementClass", "REGISTERED");
        upgrade.put("creditCode", code);
        upgrade.put("legalForm", "SOCIAL_SERVICE_INSTITUTION");
        upgrade.put("leader", null);
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"2\"")
                .body(upgrade).when().patch(BASE + "/" + id).then()
                .statusCode(200).body("creditCode", equalTo(code)).body("leader", equalTo(null)).body("version", equalTo(3));
        given().auth().oauth2(clerk).when().get(BASE + "/" + id + "/history").then()
                .body("changeType", contains("FILED", "UPDATED", "UPDATED"))
                .body("changedFields[2]", contains("creditCode", "leader", "legalForm", "managementClass"));
        schemas.validate("io.miaopu.registry.organization.updated.v1", ServiceDatabase.single(
                "select payload::text from outbox_event where aggregate_id = '" + id
                        + "' and type = 'io.miaopu.registry.organization.updated.v1' order by position desc limit 1"));
        // a patch that changes nothing is not a change
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"3\"")
                .body(Map.of("memberCount", 40)).when().patch(BASE + "/" + id).then()
                .statusCode(200).header("ETag", equalTo("\"3\""));
    }

    @Test
    void concurrentCorrectionsFromOneReadingAndConcurrentRetriesOfOneKeyAreSerialized() throws Exception {
        String clerk = token("clerk-dafo");
        String id = create(clerk, filed(name("并发测试队"), DAFO_URBAN_2));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> patches = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int members = 10 + i;
                patches.add(pool.submit(() -> given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8")
                        .header("If-Match", "\"1\"").body(Map.of("memberCount", members))
                        .when().patch(BASE + "/" + id).then().extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : patches) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
            assertEquals(2, count("select version from organization where id = '" + id + "'"));

            String key = UUID.randomUUID().toString();
            Map<String, Object> body = registered(name("并发幂等"), DAFO_URBAN);
            List<java.util.concurrent.Future<String>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                posts.add(pool.submit(() -> given().auth().oauth2(clerk).contentType(ContentType.JSON)
                        .header("Idempotency-Key", key).body(body).when().post(BASE).then()
                        .statusCode(201).extract().path("id")));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var f : posts) {
                ids.add(f.get());
            }
            assertEquals(1, ids.size(), "every retry got the first answer");
            assertEquals(1, count("select count(*) from organization where name = '" + body.get("name") + "'"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void correctionsKeepTheUniquenessAndCommunityRules() throws Exception {
        String clerk = token("clerk-dafo");
        Map<String, Object> first = registered(name("改名冲突甲"), DAFO_URBAN);
        create(clerk, first);
        String second = create(clerk, registered(name("改名冲突乙"), DAFO_URBAN));
        String before = footprint();
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"1\"")
                .body(Map.of("name", first.get("name"))).when().patch(BASE + "/" + second).then()
                .statusCode(409).body("errors.field", equalTo(List.of("name")));
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"1\"")
                .body(Map.of("creditCode", first.get("creditCode"))).when().patch(BASE + "/" + second).then()
                .statusCode(409).body("errors.field", equalTo(List.of("creditCode")));
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"1\"")
                .body(Map.of("communityCode", RegistryTestSupport.RETIRED_COMMUNITY)).when().patch(BASE + "/" + second).then()
                .statusCode(422).body("errors.field", equalTo(List.of("communityCode")));
        given().auth().oauth2(clerk).contentType("application/merge-patch+json; charset=UTF-8").header("If-Match", "\"1\"")
                .body(Map.of("leader", Map.of("name", "零\u0000字符"))).when().patch(BASE + "/" + second).then()
                .statusCode(400).contentType("application/problem+json");
        assertEquals(before, footprint());
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyReturnsTheFirstResultAndCreatesNothing() throws Exception {
        String clerk = token("clerk-dafo");
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = registered(name("幂等测试协会"), DAFO_URBAN);
        String id = given().auth().oauth2(clerk).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(BASE).then().statusCode(201).extract().path("id");
        String before = footprint();
        given().auth().oauth2(clerk).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(BASE).then()
                .statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/organizations/" + id))
                .body("id", equalTo(id));
        assertEquals(before, footprint(), "a retry writes nothing");
        assertEquals(1, count("select count(*) from organization where name = '" + body.get("name") + "'"));
        body.put("memberCount", 26);
        given().auth().oauth2(clerk).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post(BASE).then()
                .statusCode(422).body("errors.field", equalTo(List.of("Idempotency-Key")));
        // the key belongs to its caller: another caller's identical key is another request
        Map<String, Object> other = registered(name("幂等测试协会二"), DAFO_URBAN);
        given().auth().oauth2(token("county-shizhong")).contentType(ContentType.JSON).header("Idempotency-Key", key).body(other)
                .when().post(BASE).then().statusCode(201).header("Idempotent-Replayed", (String) null);
    }

    @Test
    void idempotencyKeysAreForgottenAfterTheirRetention() throws Exception {
        String clerk = token("clerk-dafo");
        String fresh = UUID.randomUUID().toString();
        given().auth().oauth2(clerk).contentType(ContentType.JSON).header("Idempotency-Key", fresh)
                .body(registered(name("保留期测试"), DAFO_URBAN)).when().post(BASE).then().statusCode(201);
        String old = UUID.randomUUID().toString();
        ServiceDatabase.execute("insert into idempotency_key (caller, key, request_hash, status, body, created_at) "
                + "values ('someone', '" + old + "', 'h', 201, '{}', now() - interval '31 days')");
        purge.purge().await().atMost(java.time.Duration.ofSeconds(10));
        assertEquals(0, count("select count(*) from idempotency_key where key = '" + old + "'"));
        assertEquals(1, count("select count(*) from idempotency_key where key = '" + fresh + "'"));
    }

    @Test
    void theProvincialPlatformSynchronisesRegisteredOrganizationsByCreditCode() throws Exception {
        String platform = token("province-platform");
        Map<String, Object> body = registered(name("乐山市市中区慈善促进会"), DAFO_URBAN);
        String code = (String) body.get("creditCode");
        String id = given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/by-credit-code/" + code).then()
                .statusCode(201).body("version", equalTo(1)).extract().path("id");
        given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/by-credit-code/" + code).then()
                .statusCode(200).body("id", equalTo(id)).body("version", equalTo(1));
        body.put("memberCount", 60);
        given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/by-credit-code/" + code).then()
                .statusCode(200).body("id", equalTo(id)).body("version", equalTo(2)).body("memberCount", equalTo(60));
        assertEquals(1, count("select count(*) from organization where credit_code = '" + code + "'"));
        String before = footprint();
        given().auth().oauth2(platform).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/by-credit-code/" + creditCode(LegalForm.SOCIAL_GROUP)).then()
                .statusCode(400).body("errors.field", equalTo(List.of("creditCode")));
        Map<String, Object> guided = filed(name("不是登记组织"), DAFO_URBAN);
        given().auth().oauth2(platform).contentType(ContentType.JSON).body(guided)
                .when().put(BASE + "/by-credit-code/" + code).then()
                .statusCode(422).body("errors.field", equalTo(List.of("managementClass")));
        given().auth().oauth2(platform).contentType(ContentType.JSON).body(body).header("If-Match", "\"1\"")
                .when().put(BASE + "/by-credit-code/" + code).then().statusCode(412);
        // only the platform synchronises by credit code: a clerk learns nothing about the code's holder
        given().auth().oauth2(token("clerk-tongjiang")).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/by-credit-code/" + code).then().statusCode(403);
        given().auth().oauth2(token("city-admin")).contentType(ContentType.JSON).body(body)
                .when().put(BASE + "/by-credit-code/" + code).then().statusCode(403);
        // the platform reads but does not register through the clerks' door
        given().auth().oauth2(platform).contentType(ContentType.JSON).body(registered(name("平台不能直接登记"), DAFO_URBAN))
                .when().post(BASE).then().statusCode(403);
        assertEquals(before, footprint());
        given().auth().oauth2(platform).when().get(BASE + "/" + id).then().statusCode(200);
        given().auth().oauth2(token("clerk-dafo")).when().get(BASE + "/" + id + "/history").then()
                .body("changedBy", hasItem("service-account-province-platform"));
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }

    static String create(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post(BASE).then().statusCode(201).extract().path("id");
    }

    private static void change(String token, String id, String status, String reason, int expected) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", status, "reason", reason))
                .when().post(BASE + "/" + id + "/status-changes").then()
                .statusCode(expected);
    }
}
