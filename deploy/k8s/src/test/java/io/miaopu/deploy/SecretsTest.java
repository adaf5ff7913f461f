package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.miaopu.deploy.Manifests.Rendering;
import io.miaopu.deploy.Manifests.Resource;
import io.miaopu.deploy.Manifests.Variant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Secrets: dev generates clearly marked demo ones; prod only references Secrets made out of band or by operators. */
class SecretsTest {

    /** The Secrets prod references and an operator of the cluster creates beforehand (deploy/k8s/README.md). */
    static final Map<String, String> OUT_OF_BAND = Map.of(
            "miaopu-realm-placeholders", "the realm's client secrets and the clerk portal's URLs",
            "miaopu-backup-s3", "the object store's credentials for the PostgreSQL backups",
            "miaopu-api-tls", "the certificate of the API's hostname",
            "miaopu-auth-tls", "the certificate of Keycloak's hostname");

    private static final Pattern SENSITIVE = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY).*");

    @Test
    void devReferencesOnlySecretsItGeneratesOrCloudNativePgCreates() {
        Rendering dev = Manifests.of(Variant.DEV);
        Set<String> generated = dev.all("Secret").stream().map(Resource::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> provided = new TreeSet<>(generated);
        provided.addAll(cloudNativePgSecrets(dev));
        provided.addAll(strimziUserSecrets(dev));
        references(dev).forEach((name, where) -> assertTrue(provided.contains(name), "dev: " + where + " references Secret " + name + ", which nobody creates"));
        for (Secret secret : dev.all("Secret", Secret.class)) {
            assertEquals("true", secret.getMetadata().getLabels().get("miaopu.io/dev-only"), "dev: Secret " + secret.getMetadata().getName() + " is marked dev-only");
            assertTrue(references(dev).containsKey(secret.getMetadata().getName()), "dev: Secret " + secret.getMetadata().getName() + " is used");
        }
    }

    @Test
    void prodCreatesNoSecretAndReferencesOnlyDocumentedOnes() {
        Rendering prod = Manifests.of(Variant.PROD);
        assertTrue(prod.all("Secret").isEmpty(), "prod creates no Secret: " + prod.all("Secret").stream().map(Resource::name).toList());
        Map<String, String> references = references(prod);
        Set<String> cnpg = cloudNativePgSecrets(prod);
        cnpg.addAll(strimziUserSecrets(prod));
        references.forEach((name, where) -> assertTrue(cnpg.contains(name) || OUT_OF_BAND.containsKey(name),
                "prod: " + where + " references Secret " + name + ", neither CloudNativePG's nor documented as made out of band"));
        String readme = Manifests.read(Manifests.k8s().resolve("README.md"));
        for (String name : OUT_OF_BAND.keySet()) {
            assertTrue(references.containsKey(name), "prod no longer uses Secret " + name + "; drop it from OUT_OF_BAND and the README");
            assertTrue(readme.contains(name), "deploy/k8s/README.md tells how to create Secret " + name);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void noSecretValueIsWrittenIntoAConfigMapOrAnEnvironmentVariable(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        for (Resource deployment : rendering.all("Deployment")) {
            for (Container container : deployment.as(io.fabric8.kubernetes.api.model.apps.Deployment.class).getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar var : container.getEnv()) {
                    if (SENSITIVE.matcher(var.getName()).matches()) {
                        assertNull(var.getValue(), variant + ": " + deployment.id() + " sets " + var.getName() + " literally; use a secretKeyRef");
                    }
                }
            }
        }
        for (ConfigMap map : rendering.all("ConfigMap", ConfigMap.class)) {
            for (String key : map.getData().keySet()) {
                assertTrue(!SENSITIVE.matcher(key.toUpperCase()).matches(), variant + ": ConfigMap " + map.getMetadata().getName() + " holds " + key);
            }
        }
    }

    /** Secrets CloudNativePG creates: the owner's credentials of each cluster, {@code <cluster>-app}. */
    static Set<String> cloudNativePgSecrets(Rendering rendering) {
        return rendering.all("Cluster").stream().map(c -> c.name() + "-app").collect(Collectors.toCollection(TreeSet::new));
    }

    /** Secrets Strimzi's User Operator creates: the password of each KafkaUser, in a Secret of its name. */
    static Set<String> strimziUserSecrets(Rendering rendering) {
        return rendering.all("KafkaUser").stream().map(Resource::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every Secret the rendering references, with where. */
    static Map<String, String> references(Rendering rendering) {
        Map<String, String> refs = new TreeMap<>();
        for (Resource r : rendering.resources()) {
            switch (r.kind()) {
                case "Deployment" -> {
                    Object pod = Tree.at(r.raw(), "spec", "template", "spec");
                    for (Map<String, Object> container : Tree.maps(pod, "containers")) {
                        for (Map<String, Object> env : Tree.maps(container, "env")) {
                            add(refs, Tree.str(env, "valueFrom", "secretKeyRef", "name"), r.id() + " env " + env.get("name"));
                        }
                        for (Map<String, Object> from : Tree.maps(container, "envFrom")) {
                            add(refs, Tree.str(from, "secretRef", "name"), r.id() + " envFrom");
                        }
                    }
                    for (Map<String, Object> volume : Tree.maps(pod, "volumes")) {
                        add(refs, Tree.str(volume, "secret", "secretName"), r.id() + " volume " + volume.get("name"));
                    }
                    for (Map<String, Object> pull : Tree.maps(pod, "imagePullSecrets")) {
                        add(refs, Tree.str(pull, "name"), r.id() + " imagePullSecrets");
                    }
                }
                case "Ingress" -> Tree.maps(r.raw(), "spec", "tls").forEach(tls -> add(refs, Tree.str(tls, "secretName"), r.id() + " tls"));
                case "Keycloak" -> {
                    add(refs, Tree.str(r.raw(), "spec", "db", "usernameSecret", "name"), r.id() + " db.usernameSecret");
                    add(refs, Tree.str(r.raw(), "spec", "db", "passwordSecret", "name"), r.id() + " db.passwordSecret");
                    add(refs, Tree.str(r.raw(), "spec", "bootstrapAdmin", "user", "secret"), r.id() + " bootstrapAdmin");
                    add(refs, Tree.str(r.raw(), "spec", "http", "tlsSecret"), r.id() + " http.tlsSecret");
                }
                case "KeycloakRealmImport" -> Tree.map(r.raw(), "spec", "placeholders")
                        .forEach((name, source) -> add(refs, Tree.str(source, "secret", "name"), r.id() + " placeholder " + name));
                case "ObjectStore" -> Tree.map(r.raw(), "spec", "configuration", "s3Credentials")
                        .forEach((name, source) -> add(refs, Tree.str(source, "name"), r.id() + " s3Credentials." + name));
                default -> {
                }
            }
        }
        return refs;
    }

    private static void add(Map<String, String> refs, String name, String where) {
        if (name != null) {
            refs.putIfAbsent(name, where);
        }
    }
}
