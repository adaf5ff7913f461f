package io.miaopu.incubation.contract;

import io.miaopu.chassis.events.EventType;

/** The division hierarchy's one event type, owned by incubation-service. */
public final class DivisionEvents {

    public static final String TOPIC = "miaopu.divisions.v1";
    public static final EventType CHANGED = new EventType(TOPIC, "io.miaopu.incubation.division.changed.v1");

    private DivisionEvents() {
    }
}
