package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.miaopu.deploy.Manifests.Rendering;
import io.miaopu.deploy.Manifests.Resource;
import io.miaopu.deploy.Manifests.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The KeycloakRealmImport is built from deploy/keycloak/miaopu-realm.json; secrets are referenced, not inlined. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealmImportTest {

    private static final String REGENERATE = "miaopu.k8s.regenerate";

    @Test
    void generatedFilesAreWhatTheRealmFileGives() throws IOException {
        Path root = Manifests.projectRoot();
        Map<Path, String> expected = Map.of(RealmImports.BASE_FILE, RealmImports.baseFile(),
                RealmImports.DEV_PATCH_FILE, RealmImports.devPatchFile());
        for (Map.Entry<Path, String> file : expected.entrySet()) {
            Path path = root.resolve(file.getKey());
            if (Boolean.getBoolean(REGENERATE)) {
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                continue;
            }
            String actual = Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
            assertEquals(file.getValue(), actual, file.getKey() + " is not what " + RealmImports.REALM_FILE
                    + " gives; regenerate it: flock /tmp/miaopu-maven.lock ./mvnw -pl deploy/k8s test -D" + REGENERATE + "=true");
        }
    }

    @Test
    void devImportsExactlyTheRealmFile() {
        Resource realmImport = realmImport(Manifests.of(Variant.DEV));
        List<String> differences = Tree.differences(RealmImports.realmFile(), Tree.map(realmImport.raw(), "spec", "realm"));
        assertTrue(differences.isEmpty(), "overlays/dev must import deploy/keycloak/miaopu-realm.json as it is: " + differences);
    }

    @Test
    void prodImportsTheRealmWithoutDemoUsersPasswordGrantOrDefaults() {
        Map<String, Object> file = RealmImports.realmFile();
        Map<String, Object> realm = Tree.map(realmImport(Manifests.of(Variant.PROD)).raw(), "spec", "realm");
        List<String> differences = Tree.differences(RealmImports.deployedRealm(file), realm);
        assertTrue(differences.isEmpty(), "overlays/prod imports the deployed realm: " + differences);

        // The same, said independently of the generator.
        assertEquals("miaopu", realm.get("realm"));
        assertEquals(names(file, "name", "roles", "realm"), names(realm, "name", "roles", "realm"), "realm roles");
        assertEquals(names(file, "clientId", "clients"), names(realm, "clientId", "clients"), "clients");
        for (Map<String, Object> user : Tree.maps(realm, "users")) {
            assertNotNull(user.get("serviceAccountClientId"), "a user in the deployed realm: " + user.get("username"));
            assertTrue(Tree.list(user, "credentials").isEmpty(), "credentials of " + user.get("username"));
        }
        for (Map<String, Object> client : Tree.maps(realm, "clients")) {
            assertFalse(Boolean.TRUE.equals(client.get("directAccessGrantsEnabled")),
                    "the password grant is for the dev realm only: " + client.get("clientId"));
            Object secret = client.get("secret");
            if (secret != null) {
                assertTrue(String.valueOf(secret).matches("\\$\\{MIAOPU_[A-Z0-9_]+}"),
                        "the secret of " + client.get("clientId") + " must be a placeholder without a default, not " + secret);
            }
        }
    }

    @Test
    void everyPlaceholderComesFromASecret() {
        for (Variant variant : Variant.values()) {
            Resource realmImport = realmImport(Manifests.of(variant));
            Map<String, Object> placeholders = Tree.map(realmImport.raw(), "spec", "placeholders");
            Set<String> deployed = RealmImports.placeholders(RealmImports.deployedRealm(RealmImports.realmFile()));
            assertEquals(deployed, new TreeSet<>(placeholders.keySet()), variant + ": spec.placeholders");
            assertFalse(deployed.isEmpty(), "the realm reads its client secrets from placeholders");
            placeholders.forEach((name, source) -> {
                assertNotNull(Tree.str(source, "secret", "name"), variant + ": placeholder " + name + " needs secret.name");
                assertNotNull(Tree.str(source, "secret", "key"), variant + ": placeholder " + name + " needs secret.key");
            });
        }
    }

    @Test
    void theImportBelongsToTheKeycloakOfTheNamespace() {
        for (Variant variant : Variant.values()) {
            Rendering rendering = Manifests.of(variant);
            Resource realmImport = realmImport(rendering);
            String keycloak = Tree.str(realmImport.raw(), "spec", "keycloakCRName");
            assertTrue(rendering.find("Keycloak", keycloak).isPresent(), variant + ": spec.keycloakCRName " + keycloak);
            assertEquals(realmImport.apiVersion(), rendering.one("Keycloak", keycloak).apiVersion(), "one Keycloak API version");
        }
    }

    static Resource realmImport(Rendering rendering) {
        List<Resource> imports = rendering.all("KeycloakRealmImport");
        if (imports.size() != 1) {
            fail(rendering.variant() + ": expected one KeycloakRealmImport, found " + imports.size());
        }
        return imports.get(0);
    }

    private static Set<String> names(Map<String, Object> tree, String key, String... path) {
        return Tree.maps(tree, path).stream().map(m -> String.valueOf(m.get(key))).collect(Collectors.toCollection(TreeSet::new));
    }
}
