package io.miaopu.chassis.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates, at start, the topics this service names in {@code miaopu.events.ensure-topics}, with the
 * settings of the catalogue (partitions, compaction); the broker never auto-creates topics. Runs
 * before the messaging channels start; if Kafka is down it keeps trying in the background.
 */
@ApplicationScoped
public class TopicInitializer {

    private static final Logger LOG = Logger.getLogger(TopicInitializer.class);

    private final EventsConfig config;
    private final String bootstrapServers;
    private ScheduledExecutorService retries;

    public TopicInitializer(EventsConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        List<String> wanted = config.ensureTopics().orElse(List.of());
        if (wanted.isEmpty()) {
            return;
        }
        for (String topic : wanted) {
            if (!config.topics().containsKey(topic)) {
                throw new IllegalStateException("topic " + topic + " is not in the catalogue miaopu.events.topics");
            }
        }
        if (!tryCreate(wanted)) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "topic-initializer"));
            retries.scheduleWithFixedDelay(() -> {
                if (tryCreate(wanted)) {
                    retries.shutdown();
                }
            }, 5, 5, TimeUnit.SECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    private boolean tryCreate(List<String> wanted) {
        Properties props = KafkaClients.connection(bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(config.physical(t))).map(this::newTopic).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
            }
            keepForever(admin, wanted.stream().filter(t -> config.topics().get(t).keptForever()).map(config::physical).toList());
            return true;
        } catch (Exception e) {
            LOG.warnf("Cannot ensure topics %s yet (Kafka at %s): %s; retrying", wanted, bootstrapServers, e.toString());
            return false;
        }
    }

    private NewTopic newTopic(String name) {
        EventsConfig.Topic spec = config.topics().get(name);
        NewTopic topic = new NewTopic(config.physical(name), spec.partitions(), config.replicationFactor());
        Map<String, String> settings = new HashMap<>();
        if (spec.compacted()) {
            settings.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            settings.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0");
        }
        if (spec.keptForever()) {
            settings.putAll(FOREVER);
        }
        return topic.configs(settings);
    }

    /**
     * A topic that projections are rebuilt from keeps every record; a topic created before the
     * catalogue said so (the broker's 7-day default) is changed in place.
     */
    private static void keepForever(Admin admin, List<String> topics) throws Exception {
        if (topics.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> current = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        current.forEach((resource, settings) -> FOREVER.forEach((key, value) -> {
            ConfigEntry entry = settings.get(key);
            if (entry == null || !value.equals(entry.value())) {
                changes.computeIfAbsent(resource, r -> new ArrayList<>())
                        .add(new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET));
            }
        }));
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(10, TimeUnit.SECONDS);
            LOG.infof("Topics %s now keep every record", changes.keySet().stream().map(ConfigResource::name).toList());
        }
    }

    private static final Map<String, String> FOREVER = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");
}
