package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.miaopu.deploy.Manifests.Rendering;
import io.miaopu.deploy.Manifests.Resource;
import io.miaopu.deploy.Manifests.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ingress NetworkPolicies: everything denied unless allowed; from outside the namespace only the gateway (and
 * Keycloak's HTTP port, for the browsers' logins; and the CloudNativePG operator to its instances); the domain
 * services only from the gateway; Kafka, PostgreSQL and Keycloak from the pods of the namespace.
 */
class NetworkPoliciesTest {

    /** The ingress controller's namespace, as prod selects it (deploy/k8s/README.md). */
    static final Map<String, String> INGRESS_NAMESPACE = Map.of("network.miaopu.io/ingress", "true");
    static final Map<String, String> CNPG_OPERATOR_NAMESPACE = Map.of("kubernetes.io/metadata.name", "cnpg-system");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everythingIsDeniedUnlessAllowed(Variant variant) {
        List<NetworkPolicy> policies = Manifests.of(variant).all("NetworkPolicy", NetworkPolicy.class);
        assertTrue(policies.stream().anyMatch(p -> Selectors.isEmpty(p.getSpec().getPodSelector())
                && p.getSpec().getPolicyTypes().contains("Ingress") && p.getSpec().getIngress().isEmpty()),
                variant + ": a default-deny policy (every pod, Ingress, no rule)");
        for (NetworkPolicy policy : policies) {
            assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes(), variant + ": " + policy.getMetadata().getName() + " restricts ingress only");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void onlyTheGatewayIsReachableFromOutsideTheNamespace(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        for (Map.Entry<String, Map<String, String>> pod : pods(rendering).entrySet()) {
            List<NetworkPolicyIngressRule> external = rules(rendering, pod.getValue()).stream().filter(NetworkPoliciesTest::admitsOtherNamespaces).toList();
            String name = pod.getKey();
            if (name.equals("gateway")) {
                assertFalse(external.isEmpty(), variant + ": the gateway is reachable from outside");
                external.forEach(rule -> assertEquals(Set.of(8080), ports(rule), variant + ": the gateway's port only"));
                if (variant == Variant.PROD) {
                    external.forEach(rule -> assertOnlyFrom(rule, INGRESS_NAMESPACE, "prod: the gateway"));
                }
            } else if (name.startsWith("keycloak-pod")) {
                // Browsers log in on Keycloak's pages, through its Ingress.
                external.forEach(rule -> assertEquals(Set.of(8080), ports(rule), variant + ": Keycloak's HTTP port only"));
                if (variant == Variant.PROD) {
                    external.forEach(rule -> assertOnlyFrom(rule, INGRESS_NAMESPACE, "prod: Keycloak"));
                }
            } else if (name.startsWith("postgres-pod")) {
                external.forEach(rule -> assertOnlyFrom(rule, CNPG_OPERATOR_NAMESPACE, variant + ": " + name));
            } else {
                assertTrue(external.isEmpty(), variant + ": " + name + " is reachable from outside the namespace");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theDomainServicesAreReachedOnlyFromTheGateway(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Map<String, String> gateway = labels(rendering, "gateway");
        for (String service : InfrastructureTest.DOMAIN_SERVICES) {
            List<NetworkPolicyIngressRule> rules = rules(rendering, labels(rendering, service));
            assertFalse(rules.isEmpty(), variant + ": " + service + " is reachable from the gateway");
            for (NetworkPolicyIngressRule rule : rules) {
                assertFalse(rule.getFrom().isEmpty(), variant + ": a rule admits anyone to " + service);
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertTrue(peer.getNamespaceSelector() == null && peer.getIpBlock() == null && Selectors.matches(peer.getPodSelector(), gateway),
                            variant + ": " + service + " admits " + peer + " besides the gateway");
                    for (String other : InfrastructureTest.DOMAIN_SERVICES) {
                        assertFalse(Selectors.matches(peer.getPodSelector(), labels(rendering, other)), variant + ": " + other + " may call " + service);
                    }
                }
                assertEquals(Set.of(8080), ports(rule), variant + ": " + service + "'s port only");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void kafkaPostgresAndKeycloakAreReachableFromThePodsOfTheNamespace(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Map<String, Map<String, String>> pods = pods(rendering);
        Map<String, Integer> ports = Map.of("kafka-pod", 9092, "postgres-pod", 5432, "keycloak-pod", 8080);
        for (Map.Entry<String, Map<String, String>> pod : pods.entrySet()) {
            ports.forEach((prefix, port) -> {
                if (pod.getKey().startsWith(prefix)) {
                    assertTrue(rules(rendering, pod.getValue()).stream().anyMatch(rule -> admitsNamespace(rule) && (ports(rule).isEmpty() || ports(rule).contains(port))),
                            variant + ": " + pod.getKey() + " port " + port + " from the pods of the namespace");
                }
            });
        }
    }

    @Test
    void prodAdmitsTheIngressControllerByANamespaceLabel() {
        for (String policy : List.of("gateway-ingress", "keycloak-ingress")) {
            NetworkPolicy p = Manifests.of(Variant.PROD).one("NetworkPolicy", policy, NetworkPolicy.class);
            assertTrue(p.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                    .anyMatch(peer -> peer.getNamespaceSelector() != null && INGRESS_NAMESPACE.equals(peer.getNamespaceSelector().getMatchLabels())),
                    "prod: " + policy + " admits the namespace labelled " + INGRESS_NAMESPACE);
        }
    }

    /**
     * The pods of the namespace and their labels: the Deployments' (from their templates), and the ones the
     * operators make, with the labels Strimzi, CloudNativePG and the Keycloak Operator give them.
     */
    static Map<String, Map<String, String>> pods(Rendering rendering) {
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        for (Deployment deployment : rendering.all("Deployment", Deployment.class)) {
            pods.put(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (Resource kafka : rendering.all("Kafka")) {
            for (Resource pool : rendering.all("KafkaNodePool")) {
                pods.put("kafka-pod " + pool.name(), Map.of("strimzi.io/cluster", kafka.name(), "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", kafka.name() + "-kafka", "strimzi.io/pool-name", pool.name()));
            }
        }
        for (Resource cluster : rendering.all("Cluster")) {
            pods.put("postgres-pod " + cluster.name(), Map.of("cnpg.io/cluster", cluster.name(), "cnpg.io/instanceRole", "primary", "role", "primary"));
        }
        for (Resource keycloak : rendering.all("Keycloak")) {
            pods.put("keycloak-pod " + keycloak.name(), Map.of("app", "keycloak", "app.kubernetes.io/instance", keycloak.name(),
                    "app.kubernetes.io/managed-by", "keycloak-operator", "app.kubernetes.io/component", "server"));
        }
        return pods;
    }

    private static Map<String, String> labels(Rendering rendering, String deployment) {
        return rendering.one("Deployment", deployment, Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    }

    /** The ingress rules of every policy that selects a pod with these labels. */
    static List<NetworkPolicyIngressRule> rules(Rendering rendering, Map<String, String> labels) {
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        for (NetworkPolicy policy : rendering.all("NetworkPolicy", NetworkPolicy.class)) {
            if (Selectors.matches(policy.getSpec().getPodSelector(), labels)) {
                rules.addAll(policy.getSpec().getIngress());
            }
        }
        return rules;
    }

    /** A rule without "from" admits every source; a namespace selector or an IP block reaches beyond the namespace. */
    static boolean admitsOtherNamespaces(NetworkPolicyIngressRule rule) {
        return rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(p -> p.getNamespaceSelector() != null || p.getIpBlock() != null);
    }

    /** Whether every pod of the namespace may use the rule. */
    private static boolean admitsNamespace(NetworkPolicyIngressRule rule) {
        return rule.getFrom().isEmpty() || rule.getFrom().stream()
                .anyMatch(p -> p.getNamespaceSelector() == null && p.getIpBlock() == null && Selectors.isEmpty(p.getPodSelector()));
    }

    private static Set<Integer> ports(NetworkPolicyIngressRule rule) {
        Set<Integer> ports = new java.util.TreeSet<>();
        for (NetworkPolicyPort port : rule.getPorts()) {
            IntOrString p = port.getPort();
            assertTrue(p != null && p.getIntVal() != null, "NetworkPolicy ports by number: " + port);
            ports.add(p.getIntVal());
        }
        return ports;
    }

    private static void assertOnlyFrom(NetworkPolicyIngressRule rule, Map<String, String> namespaceLabels, String what) {
        assertFalse(rule.getFrom().isEmpty(), what + " admits every source");
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            assertTrue(peer.getIpBlock() == null && peer.getNamespaceSelector() != null
                    && namespaceLabels.equals(peer.getNamespaceSelector().getMatchLabels()) && peer.getPodSelector() == null,
                    what + " admits " + peer + " besides the namespace labelled " + namespaceLabels);
        }
    }
}
