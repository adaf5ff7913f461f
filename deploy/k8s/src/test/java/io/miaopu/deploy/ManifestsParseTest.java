package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.miaopu.deploy.Manifests.Rendering;
import io.miaopu.deploy.Manifests.Resource;
import io.miaopu.deploy.Manifests.Variant;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every manifest renders (kubectl kustomize) and parses into valid Kubernetes objects: built-in kinds into the
 * fabric8 model's typed classes without a single field the model does not know, the operators' kinds as generic
 * resources of the expected API versions (the Prometheus Operator's alert rules among them); names are valid and unique.
 */
class ManifestsParseTest {

    /** The built-in kinds the manifests use, with their API version and fabric8 class. */
    private static final Map<String, Map.Entry<String, Class<? extends HasMetadata>>> BUILT_IN = Map.of(
            "Namespace", Map.entry("v1", Namespace.class),
            "ConfigMap", Map.entry("v1", ConfigMap.class),
            "Secret", Map.entry("v1", Secret.class),
            "Service", Map.entry("v1", Service.class),
            "Deployment", Map.entry("apps/v1", Deployment.class),
            "HorizontalPodAutoscaler", Map.entry("autoscaling/v2", HorizontalPodAutoscaler.class),
            "PodDisruptionBudget", Map.entry("policy/v1", PodDisruptionBudget.class),
            "NetworkPolicy", Map.entry("networking.k8s.io/v1", NetworkPolicy.class),
            "Ingress", Map.entry("networking.k8s.io/v1", Ingress.class));

    /** The operators' kinds: Strimzi 1.x, CloudNativePG (and its Barman Cloud plugin), the Keycloak Operator, the Prometheus Operator. */
    private static final Map<String, String> CUSTOM = Map.of(
            "Kafka", "kafka.strimzi.io/v1",
            "KafkaNodePool", "kafka.strimzi.io/v1",
            "KafkaTopic", "kafka.strimzi.io/v1",
            "KafkaUser", "kafka.strimzi.io/v1",
            "Cluster", "postgresql.cnpg.io/v1",
            "ScheduledBackup", "postgresql.cnpg.io/v1",
            "ObjectStore", "barmancloud.cnpg.io/v1",
            "Keycloak", "k8s.keycloak.org/v2beta1",
            "KeycloakRealmImport", "k8s.keycloak.org/v2beta1",
            "PrometheusRule", "monitoring.coreos.com/v1");

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Set<String> LABEL_NAMED = Set.of("Namespace", "Service", "Deployment", "Kafka", "KafkaNodePool", "Cluster", "Keycloak");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyDocumentIsAKnownKindInTheKubernetesModel(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        assertFalse(rendering.resources().isEmpty());
        for (Resource r : rendering.resources()) {
            if (BUILT_IN.containsKey(r.kind())) {
                assertEquals(BUILT_IN.get(r.kind()).getKey(), r.apiVersion(), variant + ": " + r.id());
                assertTrue(BUILT_IN.get(r.kind()).getValue().isInstance(r.typed()),
                        variant + ": " + r.id() + " unmarshalled as " + r.typed().getClass().getName());
            } else if (CUSTOM.containsKey(r.kind())) {
                assertEquals(CUSTOM.get(r.kind()), r.apiVersion(), variant + ": " + r.id());
                assertTrue(r.typed() instanceof GenericKubernetesResource, variant + ": " + r.id());
                assertTrue(r.raw().get("spec") instanceof Map<?, ?>, variant + ": " + r.id() + " has no spec");
            } else {
                fail(variant + ": " + r.id() + " (" + r.apiVersion() + ") is a kind this check does not know; add it here with what to check");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void typedObjectsHaveNoFieldTheModelDoesNotKnow(Variant variant) {
        List<String> unknown = new ArrayList<>();
        for (Resource r : Manifests.of(variant).resources()) {
            if (!(r.typed() instanceof GenericKubernetesResource)) {
                unknownFields(r.typed(), r.id(), unknown, new HashSet<>());
            }
        }
        assertTrue(unknown.isEmpty(), variant + ": fields the Kubernetes model does not know (misspelt, misplaced or of the wrong type): " + unknown);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void namesAreValidAndUnique(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Set<String> seen = new HashSet<>();
        for (Resource r : rendering.resources()) {
            assertTrue(seen.add(r.id()), variant + ": " + r.id() + " twice");
            // Names that become host names or label values must be DNS labels; the others DNS subdomains.
            Pattern rule = LABEL_NAMED.contains(r.kind()) ? DNS_LABEL : DNS_SUBDOMAIN;
            assertTrue(rule.matcher(r.name()).matches(), variant + ": invalid name " + r.id());
            String namespace = Tree.str(r.raw(), "metadata", "namespace");
            if (variant != Variant.BASE && !r.kind().equals("Namespace")) {
                assertEquals(rendering.all("Namespace").get(0).name(), namespace, variant + ": namespace of " + r.id());
            }
        }
        if (variant != Variant.BASE) {
            assertEquals(1, rendering.all("Namespace").size(), variant + ": one Namespace");
        }
    }

    /** Walks a fabric8 model object and reports every non-empty additionalProperties (fields the model lacks). */
    static void unknownFields(Object node, String path, List<String> out, Set<Object> seen) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, out, seen));
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", out, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model") || !seen.add(System.identityHashCode(node) + "@" + path)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!name.startsWith("get") || name.length() == 3) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": " + extra.keySet());
                }
            } else if (!(value instanceof KubernetesResource) || !(node instanceof GenericKubernetesResource)) {
                unknownFields(value, path + "." + Character.toLowerCase(name.charAt(3)) + name.substring(4), out, seen);
            }
        }
    }
}
