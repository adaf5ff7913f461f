package io.miaopu.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topic catalogue of chassis-events: {@code miaopu.events.topics."<topic>".<setting>} in its
 * META-INF/microprofile-config.properties (profile-specific keys ignored), as EventsConfig reads it.
 */
final class TopicCatalogue {

    static final Path FILE = Path.of("chassis/events/src/main/resources/META-INF/microprofile-config.properties");

    /** One topic's settings; partitions null if the catalogue leaves them to EventsConfig's default. */
    record Topic(String name, Integer partitions, boolean compacted, boolean keptForever) {
    }

    private static final Pattern KEY = Pattern.compile("miaopu\\.events\\.topics\\.\"([^\"]+)\"\\.([a-z-]+)");

    private TopicCatalogue() {
    }

    static Map<String, Topic> topics() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Manifests.read(Manifests.projectRoot().resolve(FILE))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, String>> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                settings.computeIfAbsent(m.group(1), t -> new TreeMap<>()).put(m.group(2), properties.getProperty(key).trim());
            }
        }
        Map<String, Topic> topics = new TreeMap<>();
        settings.forEach((name, s) -> topics.put(name, new Topic(name,
                s.containsKey("partitions") ? Integer.valueOf(s.get("partitions")) : null,
                Boolean.parseBoolean(s.get("compacted")), Boolean.parseBoolean(s.get("kept-forever")))));
        return topics;
    }

    /** The broker's name of a catalogue topic in a namespace, as EventsConfig.physical gives it. */
    static String physical(String topic, String namespace) {
        if (topic.startsWith("miaopu.")) {
            return namespace + topic.substring("miaopu".length());
        }
        return "miaopu".equals(namespace) ? topic : namespace + "." + topic;
    }
}
