package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.miaopu.deploy.Manifests.Rendering;
import io.miaopu.deploy.Manifests.Variant;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every configuration the manifests give a service (its env entries and the keys of the ConfigMaps it takes with
 * envFrom) names a configuration key that exists for that service (ServiceConfigKeys).
 */
class ConfigKeysTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariableAServiceReceivesIsOneOfItsConfigKeys(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        List<String> unknown = new ArrayList<>();
        for (String service : WorkloadsTest.SERVICES) {
            ServiceConfigKeys keys = ServiceConfigKeys.of(service);
            for (String variable : variables(rendering, service).keySet()) {
                if (keys.resolve(variable).isEmpty()) {
                    unknown.add(service + ": " + keys.whyNot(variable));
                }
            }
        }
        assertTrue(unknown.isEmpty(), variant + ":\n  " + String.join("\n  ", unknown));
    }

    @Test
    void everyQuarkusKeyOnTheAllowListIsUsed() {
        Set<String> used = new HashSet<>();
        for (Variant variant : Variant.values()) {
            Rendering rendering = Manifests.of(variant);
            for (String service : WorkloadsTest.SERVICES) {
                used.addAll(variables(rendering, service).keySet());
            }
        }
        for (String key : ServiceConfigKeys.QUARKUS_KEYS) {
            assertTrue(used.contains(ServiceConfigKeys.envName(key)), key + " is on the allow-list but no manifest sets it; drop it");
        }
        for (String variable : ServiceConfigKeys.NOT_CONFIG.keySet()) {
            assertTrue(used.contains(variable), variable + " is on the list of non-configuration variables but no manifest sets it; drop it");
        }
    }

    @Test
    void theCheckItselfRejectsWhatNoServiceReads() {
        ServiceConfigKeys registry = ServiceConfigKeys.of("registry-service");
        ServiceConfigKeys gateway = ServiceConfigKeys.of("gateway");
        // Keys of the properties, @ConfigMapping interfaces, expression variables, the allow-list: accepted.
        assertTrue(registry.resolve("MIAOPU_DB_HOST").isPresent());
        assertTrue(registry.resolve("MIAOPU_EVENTS_REPLICATION_FACTOR").isPresent(), "EventsConfig.replicationFactor()");
        assertTrue(registry.resolve("MIAOPU_EVENTS_RELAY_BATCH_SIZE").isPresent(), "EventsConfig.Relay.batchSize()");
        assertTrue(registry.resolve("MIAOPU_REGISTRY_IDEMPOTENCY_RETENTION").isPresent(), "RegistryConfig.idempotencyRetention()");
        assertTrue(gateway.resolve("MIAOPU_GATEWAY_UPSTREAMS_REGISTRY_CONNECT_TIMEOUT").isPresent(), "GatewayConfig upstreams map");
        assertTrue(gateway.resolve("MIAOPU_GATEWAY_ROUTES_3__PREFIX").isPresent(), "GatewayConfig routes list");
        assertTrue(gateway.resolve("MIAOPU_REGISTRY_URL").isPresent(), "${MIAOPU_REGISTRY_URL:...}");
        assertTrue(registry.resolve("QUARKUS_DATASOURCE_PASSWORD").isPresent());
        // Typos, keys of another service, Quarkus keys the service never sets or that are not on the allow-list.
        assertFalse(registry.resolve("MIAOPU_DB_HOTS").isPresent());
        assertFalse(gateway.resolve("MIAOPU_DB_HOST").isPresent(), "the gateway has no database");
        assertFalse(gateway.resolve("KAFKA_BOOTSTRAP_SERVERS").isPresent(), "the gateway has no Kafka");
        assertFalse(gateway.resolve("QUARKUS_DATASOURCE_PASSWORD").isPresent(), "allow-listed, but not in the gateway's properties");
        assertFalse(registry.resolve("QUARKUS_FLYWAY_MIGRATE_AT_START").isPresent(), "in its properties, but not on the allow-list");
        assertFalse(registry.resolve("MIAOPU_EVENTS_RELAY_BATCH_SIZ").isPresent());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theGatewaysUpstreamsAreTheServices(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Map<String, String> gateway = variables(rendering, "gateway");
        Properties properties = WorkloadsTest.applicationProperties("gateway");
        Pattern upstream = Pattern.compile("miaopu\\.gateway\\.upstreams\\.([a-z-]+)\\.url");
        int upstreams = 0;
        for (String key : properties.stringPropertyNames()) {
            Matcher m = upstream.matcher(key);
            if (!m.matches()) {
                continue;
            }
            upstreams++;
            Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(properties.getProperty(key));
            String url = variable.find() && gateway.containsKey(variable.group(1)) ? gateway.get(variable.group(1))
                    : gateway.get(ServiceConfigKeys.envName(key));
            assertNotNull(url, variant + ": the gateway gets no URL for its upstream " + m.group(1) + " (" + key + ")");
            URI uri = URI.create(url);
            Service service = rendering.one("Service", uri.getHost(), Service.class);
            assertEquals(m.group(1) + "-service", service.getMetadata().getName(), variant + ": upstream " + m.group(1));
            assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == uri.getPort()), variant + ": port of upstream " + m.group(1));
        }
        assertEquals(4, upstreams, "the gateway's four upstreams");
    }

    /** The variables a service's container receives: its env entries and the keys of its envFrom ConfigMaps. */
    static Map<String, String> variables(Rendering rendering, String service) {
        Map<String, String> variables = new LinkedHashMap<>();
        Container container = WorkloadsTest.onlyContainer(rendering.one("Deployment", service, Deployment.class));
        for (EnvFromSource from : container.getEnvFrom()) {
            assertTrue(from.getPrefix() == null || from.getPrefix().isEmpty(), service + ": envFrom with a prefix");
            if (from.getConfigMapRef() != null) {
                ConfigMap map = rendering.one("ConfigMap", from.getConfigMapRef().getName(), ConfigMap.class);
                variables.putAll(map.getData());
            }
            assertTrue(from.getSecretRef() == null, service + ": envFrom a Secret, whose keys this check cannot see; use env with secretKeyRef");
        }
        for (EnvVar var : container.getEnv()) {
            variables.put(var.getName(), var.getValue());
        }
        return variables;
    }
}
