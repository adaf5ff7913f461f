package io.miaopu.incubation;

import io.miaopu.chassis.testing.ServiceDatabase;

import io.miaopu.chassis.events.EventEnvelope;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test helpers: organizations announced on registry's topic (as registry would), and direct reads of the database. */
final class TestData {

    private TestData() {
    }

    /** Publishes an organization event and waits until incubation's replica has it. */
    static UUID organization(String name, String community, String status) throws Exception {
        UUID id = UUID.randomUUID();
        String data = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"managementClass\":\"TOWNSHIP_MANAGED\","
                + "\"category\":\"INTEREST_VOLUNTEER\",\"subcategory\":\"CULTURE_SPORTS\",\"communityCode\":\"" + community
                + "\",\"registeredOn\":\"2023-05-01\",\"status\":\"" + status + "\",\"hubType\":true,\"version\":1}";
        String type = "DEREGISTERED".equals(status) ? "io.miaopu.registry.organization.status-changed.v1"
                : "io.miaopu.registry.organization.filed.v1";
        EventEnvelope event = new EventEnvelope(UUID.randomUUID(), "/miaopu/registry", type, id.toString(),
                OffsetDateTime.now(ZoneOffset.UTC), data);
        String namespace = ConfigProvider.getConfig().getValue("miaopu.events.namespace", String.class);
        ProducerRecord<String, String> record = new ProducerRecord<>(namespace + ".registry.v1", id.toString(), data);
        event.kafkaHeaders().forEach(h -> record.headers().add(h));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ServiceDatabase.count("select count(*) from organization_replica where id = '" + id + "'") == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the organization replica did not receive " + id);
            }
            Thread.sleep(50);
        }
        return id;
    }



}
