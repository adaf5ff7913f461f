package io.miaopu.chassis.events;

/**
 * A kind of event and the topic it travels on. {@code type} is the CloudEvents type,
 * {@code io.miaopu.<service>.<fact>.v1}; its JSON Schema is docs/events/{@code <type>}.schema.json.
 */
public record EventType(String topic, String type) {

    public EventType {
        if (!type.matches("io\\.miaopu\\.[a-z-]+\\.[a-z.-]+\\.v\\d+")) {
            throw new IllegalArgumentException("event type must be io.miaopu.<service>.<fact>.v<N>: " + type);
        }
    }
}
