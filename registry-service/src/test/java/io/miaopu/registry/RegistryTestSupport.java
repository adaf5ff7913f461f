package io.miaopu.registry;

import io.miaopu.incubation.contract.testing.DivisionFixtures;
import io.miaopu.chassis.testing.ServiceDatabase;

import io.miaopu.chassis.testing.Tokens;
import io.miaopu.registry.domain.Classification.LegalForm;
import io.miaopu.registry.domain.CreditCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test helpers. The division hierarchy reaches registry only as incubation's events on the
 * divisions topic; the tests announce the part they use (real Leshan codes, as incubation seeds
 * them, plus one retired community) and wait for the replica to hold it.
 */
final class RegistryTestSupport {

    static final String BASE = "/api/v1/organizations";
    static final String DAFO = DivisionFixtures.DAFO;
    static final String DAFO_URBAN = DivisionFixtures.DAFO_URBAN;
    static final String DAFO_URBAN_2 = DivisionFixtures.DAFO_URBAN_2;
    static final String DAFO_RURAL = DivisionFixtures.DAFO_RURAL;
    static final String TONGJIANG = DivisionFixtures.TONGJIANG;
    static final String TONGJIANG_COMMUNITY = DivisionFixtures.TONGJIANG_COMMUNITY;
    static final String QINGYI = DivisionFixtures.QINGYI;
    static final String QINGYI_COMMUNITY = DivisionFixtures.QINGYI_COMMUNITY;
    static final String RETIRED_COMMUNITY = DivisionFixtures.RETIRED_COMMUNITY;


    private RegistryTestSupport() {
    }

    /** A user's or machine client's token, reused for a minute. */
    static String token(String who) {
        return Tokens.of(who);
    }

    static void divisions() throws Exception {
        DivisionFixtures.sample();
    }

    /** A valid credit code for the legal form, different every call. */
    static String creditCode(LegalForm form) {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder code = new StringBuilder("5").append(form.creditCodeType());
        for (int i = 0; i < 15; i++) {
            code.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return code.append(CreditCode.checkCharacter(code.toString())).toString();
    }

    /** A unique name: the prefix and a short random tag. */
    static String name(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A registered social group in a community. */
    static Map<String, Object> registered(String name, String community) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("creditCode", creditCode(LegalForm.SOCIAL_GROUP));
        body.put("legalForm", "SOCIAL_GROUP");
        body.put("managementClass", "REGISTERED");
        body.put("category", "FUNCTIONAL_SERVICE");
        body.put("subcategory", "LIFE_SERVICE");
        body.put("serviceAreas", List.of("ELDERLY_CARE", "HEALTH_CARE"));
        body.put("communityCode", community);
        body.put("registeredOn", "2023-04-12");
        body.put("establishedOn", "2023-03-01");
        body.put("leader", Map.of("name", "王秀英", "phone", "13800001234"));
        body.put("memberCount", 25);
        body.put("hubType", false);
        body.put("charterAdopted", true);
        return body;
    }

    /** A community-guided interest group, filed (备案) without a credit code. */
    static Map<String, Object> filed(String name, String community) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("managementClass", "COMMUNITY_GUIDED");
        body.put("category", "INTEREST_VOLUNTEER");
        body.put("subcategory", "CULTURE_SPORTS");
        body.put("serviceAreas", List.of("SONG_DANCE"));
        body.put("communityCode", community);
        body.put("registeredOn", "2022-09-01");
        body.put("leader", Map.of("name", "李桂兰", "phone", "0833-2123456"));
        return body;
    }





    /** Rows of the tables a refused write must leave untouched. */
    static String footprint() throws Exception {
        return ServiceDatabase.single("select (select count(*) from organization) || '/' || (select count(*) from change_log) || '/' "
                + "|| (select count(*) from outbox_event) || '/' || (select count(*) from idempotency_key) || '/' "
                + "|| (select coalesce(sum(version), 0) from organization)");
    }
}
