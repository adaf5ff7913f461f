package io.miaopu.incubation.event;

import io.miaopu.chassis.events.EventType;

/** Event types incubation-service publishes on miaopu.incubation.v1 (schemas in docs/events). */
public final class IncubationEvents {

    public static final String TOPIC = "miaopu.incubation.v1";
    public static final EventType FEDERATION_ESTABLISHED = new EventType(TOPIC, "io.miaopu.incubation.federation.established.v1");
    public static final EventType FEDERATION_UPDATED = new EventType(TOPIC, "io.miaopu.incubation.federation.updated.v1");
    public static final EventType FEDERATION_DISSOLVED = new EventType(TOPIC, "io.miaopu.incubation.federation.dissolved.v1");

    public static final EventType INCUBATOR_OPENED = new EventType(TOPIC, "io.miaopu.incubation.incubator.opened.v1");
    public static final EventType INCUBATOR_UPDATED = new EventType(TOPIC, "io.miaopu.incubation.incubator.updated.v1");
    public static final EventType INCUBATOR_CLOSED = new EventType(TOPIC, "io.miaopu.incubation.incubator.closed.v1");
    public static final EventType ENROLLMENT_STARTED = new EventType(TOPIC, "io.miaopu.incubation.enrollment.started.v1");
    public static final EventType ENROLLMENT_GRADUATED = new EventType(TOPIC, "io.miaopu.incubation.enrollment.graduated.v1");
    public static final EventType ENROLLMENT_WITHDRAWN = new EventType(TOPIC, "io.miaopu.incubation.enrollment.withdrawn.v1");
    public static final EventType HUB_DEMONSTRATION_CERTIFIED = new EventType(TOPIC, "io.miaopu.incubation.hub-demonstration.certified.v1");
    public static final EventType HUB_DEMONSTRATION_UPDATED = new EventType(TOPIC, "io.miaopu.incubation.hub-demonstration.updated.v1");
    public static final EventType HUB_DEMONSTRATION_REVOKED = new EventType(TOPIC, "io.miaopu.incubation.hub-demonstration.revoked.v1");
    public static final EventType VENUE_SUPPORT_GRANTED = new EventType(TOPIC, "io.miaopu.incubation.venue-support.granted.v1");
    public static final EventType VENUE_SUPPORT_UPDATED = new EventType(TOPIC, "io.miaopu.incubation.venue-support.updated.v1");
    public static final EventType VENUE_SUPPORT_ENDED = new EventType(TOPIC, "io.miaopu.incubation.venue-support.ended.v1");
    public static final EventType FUNDING_GRANTED = new EventType(TOPIC, "io.miaopu.incubation.funding.granted.v1");
    public static final EventType FUNDING_UPDATED = new EventType(TOPIC, "io.miaopu.incubation.funding.updated.v1");
    public static final EventType FUNDING_CANCELLED = new EventType(TOPIC, "io.miaopu.incubation.funding.cancelled.v1");

    private IncubationEvents() {
    }
}
