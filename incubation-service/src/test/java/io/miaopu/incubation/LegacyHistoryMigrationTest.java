package io.miaopu.incubation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.testing.LegacyDatabase;
import io.miaopu.chassis.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Support structures of the demo data (federation, incubator and enrollments, hub demonstrations,
 * venue supports, fundings) and two divisions (one renamed), with their history rows as the release
 * before the one change log wrote them (migrations up to V6): after the upgrade's migrations every
 * /history answers exactly as that release answered it (answers recorded through the gateway as
 * city-admin, before the upgrade).
 */
@QuarkusTest
@TestProfile(LegacyHistoryMigrationTest.BeforeTheChangeLog.class)
class LegacyHistoryMigrationTest {

    public static class BeforeTheChangeLog implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LegacyDatabase.class, Map.of("database", "incubation_test",
                    "user", "incubation", "target", "6", "fixture", "legacy/structure-history.sql")));
        }
    }

    @Test
    void everyHistoryAnswersAsBeforeTheMigration() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode recorded;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("legacy/structure-history-answers.json")) {
            recorded = json.readTree(in);
        }
        assertTrue(recorded.size() >= 14, "the fixture holds every kind of structure and two divisions");
        String token = Tokens.user("city-admin");
        Iterator<Map.Entry<String, JsonNode>> answers = recorded.fields();
        while (answers.hasNext()) {
            Map.Entry<String, JsonNode> answer = answers.next();
            String now = given().auth().oauth2(token).when().get(answer.getKey())
                    .then().statusCode(200).extract().asString();
            assertEquals(answer.getValue(), json.readTree(now), answer.getKey());
        }
    }
}
