package io.miaopu.registry;

import static io.miaopu.registry.RegistryTestSupport.BASE;
import static io.miaopu.registry.RegistryTestSupport.token;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.testing.LegacyDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The history of organizations of the demo data, as the release before the one change log wrote it
 * (migrations up to V4_2, rows of {@code organization_change} taken from the demo data), answers
 * after the upgrade's migrations exactly as that release answered it (answers recorded through the
 * gateway as city-admin, before the upgrade).
 */
@QuarkusTest
@TestProfile(LegacyHistoryMigrationTest.BeforeTheChangeLog.class)
class LegacyHistoryMigrationTest {

    public static class BeforeTheChangeLog implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LegacyDatabase.class, Map.of("database", "registry_test", "user", "registry",
                    "target", "4.2", "fixture", "legacy/organization-history.sql")));
        }
    }

    @Test
    void everyHistoryAnswersAsBeforeTheMigration() throws Exception {
        RegistryTestSupport.divisions();
        ObjectMapper json = new ObjectMapper();
        JsonNode recorded;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("legacy/organization-history-answers.json")) {
            recorded = json.readTree(in);
        }
        assertTrue(recorded.size() >= 10, "the fixture holds the histories of at least ten organizations");
        Iterator<Map.Entry<String, JsonNode>> organizations = recorded.fields();
        while (organizations.hasNext()) {
            Map.Entry<String, JsonNode> organization = organizations.next();
            String answer = given().auth().oauth2(token("city-admin"))
                    .when().get(BASE + "/" + organization.getKey() + "/history")
                    .then().statusCode(200).extract().asString();
            assertEquals(organization.getValue(), json.readTree(answer), "history of " + organization.getKey());
        }
    }
}
