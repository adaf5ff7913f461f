package io.miaopu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.miaopu.deploy.Manifests.Rendering;
import io.miaopu.deploy.Manifests.Resource;
import io.miaopu.deploy.Manifests.Variant;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Kafka (Strimzi), its topics, PostgreSQL (CloudNativePG) and Keycloak, through the operators' resources. */
class InfrastructureTest {

    static final List<String> DOMAIN_SERVICES = List.of("registry-service", "incubation-service", "training-service", "metrics-service");
    static final String BARMAN_PLUGIN = "barman-cloud.cloudnative-pg.io";

    // ---------------------------------------------------------------------------------------------------- Kafka

    @ParameterizedTest
    @EnumSource(Variant.class)
    void kafkaRunsInKraftModeWithNodePools(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Resource kafka = kafka(rendering);
        assertEquals("enabled", Tree.str(kafka.raw(), "metadata", "annotations", "strimzi.io/kraft"), variant + ": strimzi.io/kraft");
        assertEquals("enabled", Tree.str(kafka.raw(), "metadata", "annotations", "strimzi.io/node-pools"), variant + ": strimzi.io/node-pools");
        assertNull(Tree.at(kafka.raw(), "spec", "zookeeper"), variant + ": no ZooKeeper");
        assertNotNull(Tree.at(kafka.raw(), "spec", "entityOperator", "topicOperator"), variant + ": the Topic Operator keeps the KafkaTopics");
        List<Resource> pools = rendering.all("KafkaNodePool");
        assertFalse(pools.isEmpty(), variant + ": node pools");
        for (Resource pool : pools) {
            assertEquals(kafka.name(), Tree.str(pool.raw(), "metadata", "labels", "strimzi.io/cluster"), variant + ": cluster of pool " + pool.name());
            assertNotNull(Tree.at(pool.raw(), "spec", "storage", "type"), variant + ": storage of pool " + pool.name());
        }
        assertTrue(nodes(rendering, "controller") >= 1 && nodes(rendering, "broker") >= 1, variant + ": controllers and brokers");
        assertTrue(nodes(rendering, "controller") % 2 == 1, variant + ": an odd number of controllers (a KRaft quorum)");

        Map<String, Object> config = Tree.map(kafka.raw(), "spec", "kafka", "config");
        assertEquals("false", String.valueOf(config.get("auto.create.topics.enable")), variant + ": topics only as designed, never auto-created");
        int brokers = nodes(rendering, "broker");
        int replication = intOf(config, "default.replication.factor");
        assertTrue(replication <= brokers, variant + ": default.replication.factor " + replication + " > " + brokers + " brokers");
        assertTrue(intOf(config, "min.insync.replicas") <= replication, variant + ": min.insync.replicas");
        assertTrue(intOf(config, "offsets.topic.replication.factor") <= brokers, variant + ": offsets.topic.replication.factor");
        // The outbox relay publishes in transactions: their log must be creatable and writable.
        int transactions = intOf(config, "transaction.state.log.replication.factor");
        assertTrue(transactions <= brokers, variant + ": transaction.state.log.replication.factor");
        assertTrue(intOf(config, "transaction.state.log.min.isr") <= transactions, variant + ": transaction.state.log.min.isr");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void servicesBootstrapFromThePlainListenerOfTheKafkaCluster(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Resource kafka = kafka(rendering);
        Map<String, Object> listener = Tree.maps(kafka.raw(), "spec", "kafka", "listeners").stream()
                .filter(l -> "internal".equals(l.get("type")) && "false".equals(String.valueOf(l.get("tls")))).findFirst()
                .orElseThrow(() -> new AssertionError(variant + ": no internal plain listener"));
        assertEquals(kafka.name() + "-kafka-bootstrap:" + listener.get("port"), eventsConfig(rendering).get("KAFKA_BOOTSTRAP_SERVERS"),
                variant + ": KAFKA_BOOTSTRAP_SERVERS is Strimzi's bootstrap Service");
        assertEquals(List.of(Map.of("podSelector", Map.of())), listener.get("networkPolicyPeers"),
                variant + ": Strimzi's listener NetworkPolicy admits this namespace only");
    }

    /** The topics each service publishes (its outbox, its dead letters): only it may write them. */
    private static final Map<String, Set<String>> WRITES = Map.of(
            "registry-service", Set.of("miaopu.registry.v1", "miaopu.registry.dlq.v1"),
            "incubation-service", Set.of("miaopu.incubation.v1", "miaopu.divisions.v1", "miaopu.incubation.dlq.v1"),
            "training-service", Set.of("miaopu.training.v1", "miaopu.training.dlq.v1"),
            "metrics-service", Set.of("gov.exchange.v1", "miaopu.metrics.dlq.v1"));

    @ParameterizedTest
    @EnumSource(Variant.class)
    void kafkaAuthenticatesEveryServiceAndLetsItWriteOnlyItsOwnTopics(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Resource kafka = kafka(rendering);
        for (Map<String, Object> listener : Tree.maps(kafka.raw(), "spec", "kafka", "listeners")) {
            assertEquals("scram-sha-512", Tree.str(listener, "authentication", "type"), variant + ": listener " + listener.get("name") + " authenticates");
        }
        assertEquals("simple", Tree.str(kafka.raw(), "spec", "kafka", "authorization", "type"), variant + ": ACLs decide");
        assertNotNull(Tree.at(kafka.raw(), "spec", "entityOperator", "userOperator"), variant + ": the User Operator keeps the KafkaUsers");
        assertEquals("SASL_PLAINTEXT", eventsConfig(rendering).get("MIAOPU_KAFKA_SECURITY_PROTOCOL"), variant + ": the services sign in");

        Map<String, Resource> users = rendering.all("KafkaUser").stream().collect(Collectors.toMap(Resource::name, u -> u));
        assertEquals(new TreeSet<>(DOMAIN_SERVICES), new TreeSet<>(users.keySet()), variant + ": one KafkaUser per domain service");
        Map<String, Set<String>> writers = new java.util.TreeMap<>();
        for (String service : DOMAIN_SERVICES) {
            Resource user = users.get(service);
            String what = variant + ": KafkaUser " + service;
            assertEquals(kafka.name(), Tree.str(user.raw(), "metadata", "labels", "strimzi.io/cluster"), what + " belongs to the cluster");
            assertEquals("scram-sha-512", Tree.str(user.raw(), "spec", "authentication", "type"), what);
            List<Map<String, Object>> acls = Tree.maps(user.raw(), "spec", "authorization", "acls");
            Set<String> written = new TreeSet<>();
            Set<String> read = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (Map<String, Object> acl : acls) {
                List<Object> operations = Tree.list(acl, "operations");
                String type = Tree.str(acl, "resource", "type");
                String name = Tree.str(acl, "resource", "name");
                assertFalse(operations.contains("All") || "*".equals(name), what + ": no wildcard grant " + acl);
                if ("topic".equals(type)) {
                    assertEquals("literal", Tree.str(acl, "resource", "patternType"), what + ": topics by name " + acl);
                    if (operations.contains("Write")) {
                        written.add(name);
                        writers.computeIfAbsent(name, n -> new TreeSet<>()).add(service);
                    }
                    if (operations.contains("Read")) {
                        read.add(name);
                    }
                } else if ("group".equals(type)) {
                    groups.add(name);
                }
            }
            assertEquals(WRITES.get(service), written, what + " writes its own topics only");
            // What it consumes (its channels) it may read, with consumer groups under its own prefix.
            java.util.Properties properties = WorkloadsTest.applicationProperties(service);
            for (String key : properties.stringPropertyNames()) {
                if (key.matches("mp\\.messaging\\.incoming\\.[a-z-]+\\.topic")) {
                    String topic = properties.getProperty(key).replace("${miaopu.events.namespace}", eventsConfig(rendering).get("MIAOPU_EVENTS_NAMESPACE"));
                    assertTrue(read.contains(topic), what + " reads " + topic + " (" + key + ")");
                    String group = properties.getProperty(key.replace(".topic", ".group.id"));
                    assertTrue(groups.stream().anyMatch(group::startsWith), what + ": its group " + group + " under one of " + groups);
                }
            }
            assertTrue(groups.stream().allMatch(g -> g.startsWith(service.replace("-service", "") + "-")), what + ": groups of its own " + groups);
            // The Deployment signs in as this user, with the password from the User Operator's Secret.
            Deployment deployment = rendering.one("Deployment", service, Deployment.class);
            List<EnvVar> env = WorkloadsTest.onlyContainer(deployment).getEnv();
            assertEquals(service, env.stream().filter(e -> e.getName().equals("MIAOPU_KAFKA_USERNAME")).findFirst()
                    .map(EnvVar::getValue).orElse(null), what + ": MIAOPU_KAFKA_USERNAME");
            EnvVar password = env.stream().filter(e -> e.getName().equals("MIAOPU_KAFKA_PASSWORD")).findFirst()
                    .orElseThrow(() -> new AssertionError(what + ": no MIAOPU_KAFKA_PASSWORD"));
            assertEquals(service, password.getValueFrom().getSecretKeyRef().getName(), what + ": the password's Secret");
            assertEquals("password", password.getValueFrom().getSecretKeyRef().getKey(), what + ": the password's key");
        }
        writers.forEach((topic, services) -> assertEquals(1, services.size(), variant + ": one writer of " + topic + ": " + services));
    }

    @Test
    void devHasOneControllerAndOneBroker() {
        Rendering dev = Manifests.of(Variant.DEV);
        assertEquals(1, nodes(dev, "controller"), "dev: controllers");
        assertEquals(1, nodes(dev, "broker"), "dev: brokers");
    }

    @Test
    void prodHasThreeControllersAndThreeBrokersReplicatingThreeTimes() {
        Rendering prod = Manifests.of(Variant.PROD);
        Resource controllers = pool(prod, "controller");
        Resource brokers = pool(prod, "broker");
        assertEquals(List.of("controller"), Tree.list(controllers.raw(), "spec", "roles"), "prod: dedicated controllers");
        assertEquals(List.of("broker"), Tree.list(brokers.raw(), "spec", "roles"), "prod: dedicated brokers");
        assertEquals(3, nodes(prod, "controller"), "prod: controllers");
        assertEquals(3, nodes(prod, "broker"), "prod: brokers");
        Map<String, Object> config = Tree.map(kafka(prod).raw(), "spec", "kafka", "config");
        assertEquals(3, intOf(config, "default.replication.factor"), "prod: default.replication.factor");
        assertEquals(2, intOf(config, "min.insync.replicas"), "prod: min.insync.replicas");
        assertEquals(3, intOf(config, "offsets.topic.replication.factor"), "prod: offsets.topic.replication.factor");
        assertEquals(3, intOf(config, "transaction.state.log.replication.factor"), "prod: transaction.state.log.replication.factor");
        assertEquals(2, intOf(config, "transaction.state.log.min.isr"), "prod: transaction.state.log.min.isr");
    }

    // --------------------------------------------------------------------------------------------------- topics

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyTopicOfTheCatalogueIsAKafkaTopicWithItsDesignedSettings(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Map<String, String> events = eventsConfig(rendering);
        String namespace = events.get("MIAOPU_EVENTS_NAMESPACE");
        assertEquals("miaopu", namespace, variant + ": the topic namespace of a deployment (docs/events.md)");
        int replicas = Integer.parseInt(events.get("MIAOPU_EVENTS_REPLICATION_FACTOR"));
        Map<String, Object> kafkaConfig = Tree.map(kafka(rendering).raw(), "spec", "kafka", "config");
        assertEquals(intOf(kafkaConfig, "default.replication.factor"), replicas,
                variant + ": MIAOPU_EVENTS_REPLICATION_FACTOR (topics a service creates) = the cluster's default.replication.factor");
        String cluster = kafka(rendering).name();

        Map<String, TopicCatalogue.Topic> catalogue = TopicCatalogue.topics();
        assertFalse(catalogue.isEmpty(), "the catalogue in " + TopicCatalogue.FILE);
        Map<String, Resource> byTopic = rendering.all("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> Optional.ofNullable(Tree.str(t.raw(), "spec", "topicName")).orElse(t.name()), t -> t));
        assertEquals(catalogue.keySet().stream().map(t -> TopicCatalogue.physical(t, namespace)).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(byTopic.keySet()), variant + ": one KafkaTopic per topic of the catalogue, and no other");

        for (TopicCatalogue.Topic topic : catalogue.values()) {
            Resource kafkaTopic = byTopic.get(TopicCatalogue.physical(topic.name(), namespace));
            String what = variant + ": KafkaTopic " + kafkaTopic.name();
            assertEquals(cluster, Tree.str(kafkaTopic.raw(), "metadata", "labels", "strimzi.io/cluster"), what + " belongs to the cluster");
            assertNotNull(topic.partitions(), "the catalogue sets the partitions of " + topic.name());
            assertEquals(topic.partitions(), intOf(Tree.map(kafkaTopic.raw(), "spec"), "partitions"), what + ": partitions");
            assertEquals(replicas, intOf(Tree.map(kafkaTopic.raw(), "spec"), "replicas"), what + ": replicas");
            Map<String, Object> config = Tree.map(kafkaTopic.raw(), "spec", "config");
            if (topic.compacted()) {
                assertEquals("compact", String.valueOf(config.get("cleanup.policy")), what + " is log-compacted");
                assertEquals("0", String.valueOf(config.get("min.compaction.lag.ms")), what + ": min.compaction.lag.ms as TopicInitializer sets it");
            } else {
                assertFalse(String.valueOf(config.get("cleanup.policy")).contains("compact"), what + " is not compacted");
            }
            if (topic.keptForever()) {
                assertEquals("-1", String.valueOf(config.get("retention.ms")), what + " keeps every record: retention.ms");
                assertEquals("-1", String.valueOf(config.get("retention.bytes")), what + " keeps every record: retention.bytes");
            } else {
                assertFalse(config.containsKey("retention.ms") || config.containsKey("retention.bytes"), what + " keeps the broker's retention");
            }
        }
    }

    @Test
    void everyTopicAServiceEnsuresIsInTheCatalogue() {
        Set<String> catalogue = TopicCatalogue.topics().keySet();
        for (String service : DOMAIN_SERVICES) {
            String ensured = WorkloadsTest.applicationProperties(service).getProperty("miaopu.events.ensure-topics", "");
            for (String topic : ensured.split(",")) {
                if (!topic.isBlank()) {
                    assertTrue(catalogue.contains(topic.trim()), service + " ensures " + topic + ", which has no KafkaTopic (not in the catalogue)");
                }
            }
        }
    }

    // ----------------------------------------------------------------------------------------------- PostgreSQL

    @ParameterizedTest
    @EnumSource(Variant.class)
    void eachServiceUsesItsOwnPostgresCluster(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Set<String> clusters = new HashSet<>();
        for (String service : DOMAIN_SERVICES) {
            Map<String, EnvVar> env = env(rendering.one("Deployment", service, Deployment.class));
            String host = value(env, "MIAOPU_DB_HOST", variant, service);
            assertTrue(host.endsWith("-rw"), variant + ": " + service + " connects to the primary (<cluster>-rw), not " + host);
            String clusterName = host.substring(0, host.length() - "-rw".length());
            assertTrue(clusters.add(clusterName), variant + ": " + clusterName + " serves two services");
            Resource cluster = rendering.one("Cluster", clusterName);
            assertEquals(value(env, "MIAOPU_DB_NAME", variant, service), Tree.str(cluster.raw(), "spec", "bootstrap", "initdb", "database"),
                    variant + ": the database " + clusterName + " creates");
            assertEquals("5432", value(env, "MIAOPU_DB_PORT", variant, service), variant + ": " + service + " port");
            for (Map.Entry<String, String> credential : Map.of("QUARKUS_DATASOURCE_USERNAME", "username", "QUARKUS_DATASOURCE_PASSWORD", "password").entrySet()) {
                EnvVar var = env.get(credential.getKey());
                assertNotNull(var, variant + ": " + service + " sets " + credential.getKey());
                assertNotNull(var.getValueFrom(), variant + ": " + service + "'s " + credential.getKey() + " comes from a Secret");
                assertEquals(clusterName + "-app", var.getValueFrom().getSecretKeyRef().getName(), variant + ": CloudNativePG's Secret of " + clusterName);
                assertEquals(credential.getValue(), var.getValueFrom().getSecretKeyRef().getKey(), variant + ": key of " + credential.getKey());
            }
        }
        Resource keycloak = keycloak(rendering);
        String keycloakHost = Tree.str(keycloak.raw(), "spec", "db", "host");
        assertEquals("postgres", Tree.str(keycloak.raw(), "spec", "db", "vendor"), variant + ": Keycloak on PostgreSQL");
        String keycloakCluster = keycloakHost.substring(0, keycloakHost.length() - "-rw".length());
        assertTrue(clusters.add(keycloakCluster), variant + ": Keycloak has its own cluster");
        Resource cluster = rendering.one("Cluster", keycloakCluster);
        assertEquals(Tree.str(cluster.raw(), "spec", "bootstrap", "initdb", "database"), Tree.str(keycloak.raw(), "spec", "db", "database"), variant + ": Keycloak's database");
        assertEquals(keycloakCluster + "-app", Tree.str(keycloak.raw(), "spec", "db", "usernameSecret", "name"), variant + ": Keycloak's database user");
        assertEquals(keycloakCluster + "-app", Tree.str(keycloak.raw(), "spec", "db", "passwordSecret", "name"), variant + ": Keycloak's database password");
        assertEquals(clusters, rendering.all("Cluster").stream().map(Resource::name).collect(Collectors.toSet()), variant + ": every cluster is used");
    }

    @Test
    void devRunsOneInstanceOfEachDatabase() {
        for (Resource cluster : Manifests.of(Variant.DEV).all("Cluster")) {
            assertEquals(1, intOf(Tree.map(cluster.raw(), "spec"), "instances"), "dev: instances of " + cluster.name());
        }
    }

    @Test
    void prodRunsThreeInstancesOfEachDatabaseBackedUpToObjectStorage() {
        Rendering prod = Manifests.of(Variant.PROD);
        List<Resource> backups = prod.all("ScheduledBackup");
        for (Resource cluster : prod.all("Cluster")) {
            String what = "prod: Cluster " + cluster.name();
            assertEquals(3, intOf(Tree.map(cluster.raw(), "spec"), "instances"), what + " instances");
            assertNull(Tree.at(cluster.raw(), "spec", "backup", "barmanObjectStore"),
                    what + ": backups through the Barman Cloud plugin (the in-tree barmanObjectStore is deprecated)");
            Map<String, Object> plugin = Tree.maps(cluster.raw(), "spec", "plugins").stream().filter(p -> BARMAN_PLUGIN.equals(p.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(what + " has no backups (spec.plugins " + BARMAN_PLUGIN + ")"));
            assertEquals(Boolean.TRUE, plugin.get("isWALArchiver"), what + " archives its WAL");
            Resource store = prod.one("ObjectStore", Tree.str(plugin, "parameters", "barmanObjectName"));
            assertTrue(String.valueOf(Tree.str(store.raw(), "spec", "configuration", "destinationPath")).matches("(s3|gs|https)://.+"),
                    "prod: ObjectStore " + store.name() + " names an object store");
            for (String credential : List.of("accessKeyId", "secretAccessKey")) {
                Map<String, Object> reference = Tree.map(store.raw(), "spec", "configuration", "s3Credentials", credential);
                assertNotNull(reference.get("name"), "prod: " + credential + " of " + store.name() + " from a Secret");
                assertNotNull(reference.get("key"), "prod: " + credential + " of " + store.name() + " from a Secret's key");
            }
            assertNotNull(Tree.str(store.raw(), "spec", "retentionPolicy"), "prod: ObjectStore " + store.name() + " has a retention policy");
            List<Resource> scheduled = backups.stream().filter(b -> cluster.name().equals(Tree.str(b.raw(), "spec", "cluster", "name"))).toList();
            assertEquals(1, scheduled.size(), what + ": ScheduledBackups");
            Resource backup = scheduled.get(0);
            assertEquals("plugin", Tree.str(backup.raw(), "spec", "method"), "prod: ScheduledBackup " + backup.name());
            assertEquals(BARMAN_PLUGIN, Tree.str(backup.raw(), "spec", "pluginConfiguration", "name"), "prod: ScheduledBackup " + backup.name());
            assertEquals(6, Tree.str(backup.raw(), "spec", "schedule").trim().split("\\s+").length,
                    "prod: ScheduledBackup " + backup.name() + " schedule (six fields, seconds first)");
        }
    }

    // ------------------------------------------------------------------------------------------------- Keycloak

    @ParameterizedTest
    @EnumSource(Variant.class)
    void keycloakIsReachedInsideTheNamespaceAndByBrowsersThroughItsIngress(Variant variant) {
        Rendering rendering = Manifests.of(variant);
        Resource keycloak = keycloak(rendering);
        String service = keycloak.name() + "-service";
        assertEquals("http://" + service + ":8080", commonConfig(rendering).get("MIAOPU_KEYCLOAK_URL"),
                variant + ": the services reach Keycloak through the operator's Service");
        assertTrue(Tree.isTrue(keycloak.raw(), "spec", "http", "httpEnabled"), variant + ": plain HTTP inside the namespace");
        assertEquals("false", Tree.str(keycloak.raw(), "spec", "ingress", "enabled"), variant + ": our own Ingress, not the operator's");
        assertTrue(Tree.isTrue(keycloak.raw(), "spec", "hostname", "backchannelDynamic"), variant + ": keys fetched inside the namespace");
        URI hostname = URI.create(Tree.str(keycloak.raw(), "spec", "hostname", "hostname"));
        Ingress ingress = rendering.one("Ingress", keycloak.name(), Ingress.class);
        IngressRule rule = onlyRule(ingress);
        assertEquals(hostname.getHost(), rule.getHost(), variant + ": Keycloak's Ingress serves its public hostname");
        assertEquals(service, rule.getHttp().getPaths().get(0).getBackend().getService().getName(), variant + ": Keycloak's Ingress backend");
        assertEquals(8080, rule.getHttp().getPaths().get(0).getBackend().getService().getPort().getNumber(), variant + ": Keycloak's Ingress port");
        // Only the miaopu realm and the login pages' resources: never /admin, the master realm or the whole host.
        assertEquals(List.of("/realms/miaopu", "/resources"), rule.getHttp().getPaths().stream().map(p -> p.getPath()).toList(),
                variant + ": what Keycloak's Ingress publishes");
        for (var path : rule.getHttp().getPaths()) {
            assertEquals("Prefix", path.getPathType(), variant + ": " + path.getPath() + " matched on whole segments");
            assertEquals(service, path.getBackend().getService().getName(), variant + ": backend of " + path.getPath());
        }

        Ingress gateway = rendering.one("Ingress", "gateway", Ingress.class);
        assertEquals("gateway", onlyRule(gateway).getHttp().getPaths().get(0).getBackend().getService().getName(), variant + ": the API's Ingress");
        if (variant == Variant.PROD) {
            assertEquals("https", hostname.getScheme(), "prod: Keycloak's issuer is https");
            for (Ingress i : List.of(ingress, gateway)) {
                assertEquals(List.of(onlyRule(i).getHost()), i.getSpec().getTls().get(0).getHosts(), "prod: TLS of Ingress " + i.getMetadata().getName());
                assertNotNull(i.getSpec().getTls().get(0).getSecretName(), "prod: certificate of Ingress " + i.getMetadata().getName());
            }
            assertNull(Tree.at(keycloak.raw(), "spec", "bootstrapAdmin"), "prod: the operator generates the first admin's credentials");
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    static Resource kafka(Rendering rendering) {
        List<Resource> clusters = rendering.all("Kafka");
        assertEquals(1, clusters.size(), rendering.variant() + ": Kafka clusters");
        return clusters.get(0);
    }

    static Resource keycloak(Rendering rendering) {
        List<Resource> keycloaks = rendering.all("Keycloak");
        assertEquals(1, keycloaks.size(), rendering.variant() + ": Keycloaks");
        return keycloaks.get(0);
    }

    static Map<String, String> eventsConfig(Rendering rendering) {
        return rendering.generated("ConfigMap", "miaopu-events").as(ConfigMap.class).getData();
    }

    static Map<String, String> commonConfig(Rendering rendering) {
        return rendering.generated("ConfigMap", "miaopu-common").as(ConfigMap.class).getData();
    }

    private static Resource pool(Rendering rendering, String name) {
        return rendering.one("KafkaNodePool", name);
    }

    /** Nodes with a role (broker, controller) over all node pools. */
    static int nodes(Rendering rendering, String role) {
        return rendering.all("KafkaNodePool").stream().filter(p -> Tree.list(p.raw(), "spec", "roles").contains(role))
                .mapToInt(p -> intOf(Tree.map(p.raw(), "spec"), "replicas")).sum();
    }

    static int intOf(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return fail("missing " + key + " in " + map);
        }
        return Integer.parseInt(String.valueOf(value));
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        return WorkloadsTest.onlyContainer(deployment).getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    private static String value(Map<String, EnvVar> env, String name, Variant variant, String service) {
        EnvVar var = env.get(name);
        assertNotNull(var, variant + ": " + service + " sets " + name);
        assertNotNull(var.getValue(), variant + ": " + service + "'s " + name + " has a value");
        return var.getValue();
    }

    private static IngressRule onlyRule(Ingress ingress) {
        assertEquals(1, ingress.getSpec().getRules().size(), "Ingress " + ingress.getMetadata().getName() + ": one rule");
        return ingress.getSpec().getRules().get(0);
    }
}
