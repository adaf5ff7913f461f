package io.miaopu.incubation.event;

import io.miaopu.chassis.events.EventType;

/** Event types incubation-service publishes on miaopu.incubation.v1 (schemas in docs/events). */
public final class IncubationEvents {

    public static final String TOPIC = "miaopu.incubation.v1";
    public static final EventType FEDERATION_ESTABLISHED = new EventType(TOPIC, "io.miaopu.incubation.federation.established.v1");
    public static final EventType FEDERATION_UPDATED = new EventType(TOPIC, "io.miaopu.incubation.federation.updated.v1");
    public static final EventType FEDERATION_DISSOLVED = new EventType(TOPIC, "io.miaopu.incubation.federation.dissolved.v1");

    private IncubationEvents() {
    }
}
