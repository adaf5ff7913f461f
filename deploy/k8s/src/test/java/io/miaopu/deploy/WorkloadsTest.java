package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.miaopu.deploy.Manifests.Rendering;
import io.miaopu.deploy.Manifests.Variant;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The five services: Deployments with health probes, resources and images; Services; HPAs and PDBs in prod. */
class WorkloadsTest {

    /** The Deployments, each named as its Maven module. */
    static final List<String> SERVICES = List.of("gateway", "registry-service", "incubation-service", "training-service", "metrics-service");

    /** Autoscaled in prod (the issue: gateway, registry and metrics). */
    static final Set<String> AUTOSCALED = Set.of("gateway", "registry-service", "metrics-service");

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theFiveServicesRunAsDeploymentsWithAService(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        assertEquals(new TreeSet<>(SERVICES), rendering.all("Deployment").stream().map(Manifests.Resource::name).collect(Collectors.toCollection(TreeSet::new)),
                variant + ": Deployments");
        for (String name : SERVICES) {
            Deployment deployment = rendering.one("Deployment", name, Deployment.class);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(Selectors.matches(deployment.getSpec().getSelector(), podLabels), variant + ": " + name + "'s selector selects its pods");
            Service service = rendering.one("Service", name, Service.class);
            assertFalse(service.getSpec().getSelector().isEmpty(), variant + ": Service " + name + " has a selector");
            assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), variant + ": Service " + name + " selects " + name);
            for (String other : SERVICES) {
                if (!other.equals(name)) {
                    Map<String, String> otherLabels = rendering.one("Deployment", other, Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
                    assertFalse(otherLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                            variant + ": Service " + name + " also selects " + other);
                }
            }
            Container container = onlyContainer(deployment);
            for (ServicePort port : service.getSpec().getPorts()) {
                assertEquals(8080, resolvePort(container, port.getTargetPort()), variant + ": Service " + name + " targets the container's 8080");
                assertEquals(8080, port.getPort(), variant + ": Service " + name + " port");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyServiceIsProbedOnItsHealthEndpoints(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        for (String name : SERVICES) {
            Container container = onlyContainer(rendering.one("Deployment", name, Deployment.class));
            assertHttpProbe(variant, name, "readiness", container.getReadinessProbe(), "/q/health/ready", container);
            assertHttpProbe(variant, name, "liveness", container.getLivenessProbe(), "/q/health/live", container);
            assertHttpProbe(variant, name, "startup", container.getStartupProbe(), "/q/health/started", container);
            // The Kafka readiness check alone may take 2 s.
            assertTrue(container.getReadinessProbe().getTimeoutSeconds() >= 3, variant + ": " + name + " readiness timeout");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyContainerHasRequestsAndLimits(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        for (String name : SERVICES) {
            Container container = onlyContainer(rendering.one("Deployment", name, Deployment.class));
            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(requests.get(resource), variant + ": " + name + " requests " + resource);
                assertNotNull(limits.get(resource), variant + ": " + name + " limits " + resource);
                assertTrue(requests.get(resource).getNumericalAmount().compareTo(limits.get(resource).getNumericalAmount()) <= 0,
                        variant + ": " + name + " requests more " + resource + " than its limit");
            }
            // What a JVM service needs at the least (about ./miaopu up's 256 MB heap at JAVA_MAX_MEM_RATIO=50).
            assertTrue(limits.get("memory").getNumericalAmount().compareTo(Quantity.parse("384Mi").getNumericalAmount()) >= 0,
                    variant + ": " + name + " memory limit below 384Mi");
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void podsRunUnprivilegedOnAReadOnlyRoot(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        for (String name : SERVICES) {
            Deployment deployment = rendering.one("Deployment", name, Deployment.class);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), variant + ": " + name + " runAsNonRoot");
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), variant + ": " + name + " needs no API token");
            Container container = onlyContainer(deployment);
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), variant + ": " + name);
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), variant + ": " + name);
            assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), variant + ": " + name + " has a writable /tmp");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"DEV", "PROD"})
    void imagesAreTheOnesQuarkusBuildsWithTheOverlaysRegistryAndTag(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Map<String, Object> kustomization = Tree.map(Manifests.YAML.readValue(
                Manifests.read(Manifests.k8s().resolve(variant.dir).resolve("kustomization.yaml")), Map.class));
        for (String name : SERVICES) {
            Properties properties = applicationProperties(name);
            assertEquals("false", properties.getProperty("quarkus.container-image.build"), name + ": a normal build builds no image");
            String image = properties.getProperty("quarkus.container-image.group") + "/" + properties.getProperty("quarkus.container-image.name");
            Map<String, Object> override = Tree.maps(kustomization, "images").stream().filter(i -> image.equals(i.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(variant + ": kustomization.yaml sets no image for " + image));
            String newName = String.valueOf(override.get("newName"));
            String newTag = String.valueOf(override.get("newTag"));
            assertTrue(newName.endsWith("/" + image) && newName.length() > image.length() + 1, variant + ": " + newName + " is " + image + " in a registry");
            assertFalse(newTag.isBlank() || newTag.equals("latest") || newTag.equals("null"), variant + ": the tag of " + image + " is " + newTag);
            assertEquals(newName + ":" + newTag, onlyContainer(rendering.one("Deployment", name, Deployment.class)).getImage(), variant + ": image of " + name);
        }
    }

    @Test
    void devRunsOneReplicaOfEachWithoutAutoscalersOrBudgets() {
        Rendering dev = Manifests.of(Variant.DEV);
        for (String name : SERVICES) {
            assertEquals(1, dev.one("Deployment", name, Deployment.class).getSpec().getReplicas(), "dev: replicas of " + name);
        }
        assertTrue(dev.all("HorizontalPodAutoscaler").isEmpty(), "dev has no HPAs");
        assertTrue(dev.all("PodDisruptionBudget").isEmpty(), "dev has no PDBs (one replica: they would block node drains)");
    }

    @Test
    void prodRunsAtLeastTwoOfEachAndAutoscalesGatewayRegistryAndMetrics() {
        Rendering prod = Manifests.of(Variant.PROD);
        List<HorizontalPodAutoscaler> hpas = prod.all("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        assertEquals(AUTOSCALED, hpas.stream().map(h -> h.getSpec().getScaleTargetRef().getName()).collect(Collectors.toSet()), "prod: HPA targets");
        for (HorizontalPodAutoscaler hpa : hpas) {
            String target = hpa.getSpec().getScaleTargetRef().getName();
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind(), "HPA " + hpa.getMetadata().getName());
            assertEquals("apps/v1", hpa.getSpec().getScaleTargetRef().getApiVersion(), "HPA " + hpa.getMetadata().getName());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, "HPA of " + target + " keeps at least two");
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas(), "HPA of " + target + " can scale");
            assertFalse(hpa.getSpec().getMetrics().isEmpty(), "HPA of " + target + " has metrics");
            for (MetricSpec metric : hpa.getSpec().getMetrics()) {
                assertEquals("Resource", metric.getType(), "HPA of " + target);
                assertNotNull(metric.getResource().getTarget().getAverageUtilization(), "HPA of " + target + " targets a utilization");
            }
        }
        for (String name : SERVICES) {
            Deployment deployment = prod.one("Deployment", name, Deployment.class);
            if (AUTOSCALED.contains(name)) {
                assertNull(deployment.getSpec().getReplicas(), "prod: the HPA owns the replicas of " + name + " (a re-apply must not reset them)");
            } else {
                assertTrue(deployment.getSpec().getReplicas() >= 2, "prod: replicas of " + name);
            }
        }
    }

    @Test
    void prodHasADisruptionBudgetForEachService() {
        Rendering prod = Manifests.of(Variant.PROD);
        List<PodDisruptionBudget> budgets = prod.all("PodDisruptionBudget", PodDisruptionBudget.class);
        for (String name : SERVICES) {
            Map<String, String> podLabels = prod.one("Deployment", name, Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> covering = budgets.stream().filter(b -> Selectors.matches(b.getSpec().getSelector(), podLabels)).toList();
            assertEquals(1, covering.size(), "prod: PDBs covering " + name);
            PodDisruptionBudget budget = covering.get(0);
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            assertNotNull(maxUnavailable, "prod: PDB of " + name + " sets maxUnavailable");
            assertEquals(Integer.valueOf(1), maxUnavailable.getIntVal(), "prod: PDB of " + name);
            for (String other : SERVICES) {
                if (!other.equals(name)) {
                    LabelSelector selector = budget.getSpec().getSelector();
                    assertFalse(Selectors.matches(selector, prod.one("Deployment", other, Deployment.class).getSpec().getTemplate().getMetadata().getLabels()),
                            "prod: the PDB of " + name + " also covers " + other);
                }
            }
        }
    }

    static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), deployment.getMetadata().getName() + ": one container");
        return containers.get(0);
    }

    static Properties applicationProperties(String module) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Manifests.read(Manifests.projectRoot().resolve(module).resolve("src/main/resources/application.properties"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static int resolvePort(Container container, IntOrString port) {
        assertNotNull(port, container.getName() + ": a probe or Service without a port");
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
    }

    private static void assertHttpProbe(Variant variant, String name, String kind, Probe probe, String path, Container container) {
        assertNotNull(probe, variant + ": " + name + " has no " + kind + " probe");
        assertNotNull(probe.getHttpGet(), variant + ": " + name + "'s " + kind + " probe is not an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), variant + ": " + name + "'s " + kind + " probe");
        // The gateway serves health on its management interface (9000), never on the API's port; the services on 8080.
        int expected = "gateway".equals(name) ? 9000 : 8080;
        assertEquals(expected, resolvePort(container, probe.getHttpGet().getPort()), variant + ": " + name + "'s " + kind + " probe port");
        assertNotEquals("HTTPS", probe.getHttpGet().getScheme(), variant + ": " + name + " serves plain HTTP in the pod");
    }
}
