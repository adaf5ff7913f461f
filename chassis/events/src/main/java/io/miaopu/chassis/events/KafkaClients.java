package io.miaopu.chassis.events;

import java.util.Properties;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How every Kafka client a service builds itself (the outbox relay, the readiness check, the topic
 * initializer, metrics' rebuild) connects: the bootstrap servers and the same security settings as
 * its SmallRye channels ({@code kafka.security.protocol}, {@code kafka.sasl.*}). Locally PLAINTEXT;
 * in deploy/k8s SCRAM-SHA-512 as the service's own KafkaUser, whose ACLs say what it may do.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    public static Properties connection(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        Config config = ConfigProvider.getConfig();
        String protocol = config.getOptionalValue("kafka.security.protocol", String.class).orElse("PLAINTEXT");
        props.put("security.protocol", protocol);
        if (protocol.startsWith("SASL_")) {
            config.getOptionalValue("kafka.sasl.mechanism", String.class).ifPresent(v -> props.put("sasl.mechanism", v));
            config.getOptionalValue("kafka.sasl.jaas.config", String.class).ifPresent(v -> props.put("sasl.jaas.config", v));
        }
        return props;
    }
}
