package io.miaopu.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The KeycloakRealmImport of deploy/k8s, made from the realm file deploy/keycloak/miaopu-realm.json (the one
 * ./miaopu up imports locally):
 * <ul>
 * <li>base/keycloak/realm-import.yaml: the realm as a deployment imports it (docs/security.md): without the demo
 * users (the clients' service-account users stay), without the password grant, and with every
 * {@code ${MIAOPU_...:default}} placeholder stripped of its dev default, so that a missing secret can never fall back
 * to a published one; each placeholder is filled from the Secret miaopu-realm-placeholders (spec.placeholders);</li>
 * <li>overlays/dev/realm-import-dev.yaml: a patch that puts back the realm file's users and clients, so that dev
 * imports exactly the realm file.</li>
 * </ul>
 * Both files are generated: RealmImportTest fails when they differ from what the realm file gives, and
 * {@code -Dmiaopu.k8s.regenerate=true} rewrites them.
 */
final class RealmImports {

    static final String IMPORT_NAME = "miaopu-realm";
    static final String KEYCLOAK_CR = "keycloak";
    static final String PLACEHOLDER_SECRET = "miaopu-realm-placeholders";

    static final Path REALM_FILE = Path.of("deploy/keycloak/miaopu-realm.json");
    static final Path BASE_FILE = Path.of("deploy/k8s/base/keycloak/realm-import.yaml");
    static final Path DEV_PATCH_FILE = Path.of("deploy/k8s/overlays/dev/realm-import-dev.yaml");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(MIAOPU_[A-Z0-9_]+)(:[^}]*)?}");

    private static final YAMLMapper YAML_OUT = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .disable(YAMLWriteFeature.SPLIT_LINES)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            // A string that looks like a number (claim.value "51") stays a string.
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private RealmImports() {
    }

    /** The realm file as a tree. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> realmFile() {
        String json = Manifests.read(Manifests.projectRoot().resolve(REALM_FILE));
        return JsonMapper.builder().build().readValue(json, LinkedHashMap.class);
    }

    /** The realm a deployment imports: no demo users, no password grant, no default for a placeholder. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> deployedRealm(Map<String, Object> realmFile) {
        Map<String, Object> realm = (Map<String, Object>) stripDefaults(copy(realmFile));
        List<Object> serviceAccounts = new ArrayList<>();
        for (Map<String, Object> user : Tree.maps(realm, "users")) {
            if (user.containsKey("serviceAccountClientId")) {
                serviceAccounts.add(user);
            }
        }
        realm.put("users", serviceAccounts);
        for (Map<String, Object> client : Tree.maps(realm, "clients")) {
            if (Boolean.TRUE.equals(client.get("directAccessGrantsEnabled"))) {
                client.put("directAccessGrantsEnabled", false);
            }
        }
        return realm;
    }

    /** The placeholder variables the realm still reads (MIAOPU_...), in order. */
    static SortedSet<String> placeholders(Object realm) {
        SortedSet<String> names = new TreeSet<>();
        collectPlaceholders(realm, names);
        return names;
    }

    /** base/keycloak/realm-import.yaml as it must be. */
    static String baseFile() {
        Map<String, Object> realm = deployedRealm(realmFile());
        Map<String, Object> placeholders = new LinkedHashMap<>();
        for (String name : placeholders(realm)) {
            Map<String, Object> secret = new LinkedHashMap<>();
            secret.put("name", PLACEHOLDER_SECRET);
            secret.put("key", name);
            placeholders.put(name, Map.of("secret", secret));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("keycloakCRName", KEYCLOAK_CR);
        spec.put("placeholders", placeholders);
        spec.put("realm", realm);
        return """
                # GENERATED from deploy/keycloak/miaopu-realm.json by deploy/k8s (RealmImports); do not edit. After a change
                # of the realm file: flock /tmp/miaopu-maven.lock ./mvnw -pl deploy/k8s test -Dmiaopu.k8s.regenerate=true
                #
                # The realm as a deployment imports it (docs/security.md): no demo users (the clients' service accounts
                # stay), no password grant, and each ${MIAOPU_...} placeholder without its dev default, filled from the
                # Secret miaopu-realm-placeholders (overlays/dev generates it; in prod it is created out of band).
                # Keycloak imports a realm once and never overwrites it (changes are made in Keycloak afterwards).
                """ + YAML_OUT.writeValueAsString(resource(spec));
    }

    /** overlays/dev/realm-import-dev.yaml as it must be. */
    static String devPatchFile() {
        Map<String, Object> file = realmFile();
        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("users", file.get("users"));
        realm.put("clients", file.get("clients"));
        return """
                # GENERATED from deploy/keycloak/miaopu-realm.json by deploy/k8s (RealmImports); do not edit. After a change
                # of the realm file: flock /tmp/miaopu-maven.lock ./mvnw -pl deploy/k8s test -Dmiaopu.k8s.regenerate=true
                #
                # DEV ONLY: the realm file's own users (the demo users, password = user name) and clients (the password
                # grant for tests and demos, the dev defaults of the placeholders), so that dev imports exactly the realm
                # that ./miaopu up imports locally.
                """ + YAML_OUT.writeValueAsString(resource(Map.of("realm", realm)));
    }

    private static Map<String, Object> resource(Map<String, Object> spec) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", "k8s.keycloak.org/v2beta1");
        resource.put("kind", "KeycloakRealmImport");
        resource.put("metadata", Map.of("name", IMPORT_NAME));
        resource.put("spec", spec);
        return resource;
    }

    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return node;
    }

    private static Object stripDefaults(Object node) {
        if (node instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            m.replaceAll((k, v) -> stripDefaults(v));
            return m;
        }
        if (node instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) list;
            l.replaceAll(RealmImports::stripDefaults);
            return l;
        }
        if (node instanceof String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            return m.replaceAll(r -> Matcher.quoteReplacement("${" + r.group(1) + "}"));
        }
        return node;
    }

    private static void collectPlaceholders(Object node, SortedSet<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collectPlaceholders(v, names));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectPlaceholders(v, names));
        } else if (node instanceof String text) {
            Matcher m = PLACEHOLDER.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
    }
}
