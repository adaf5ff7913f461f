package io.miaopu.incubation.contract;

import io.miaopu.chassis.events.EventType;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Event types incubation-service publishes on miaopu.incubation.v1: its event contract, which its consumers
 * depend on (schemas: docs/events/io.miaopu.incubation.*, packaged with this module). The division hierarchy's
 * topic has its own: {@link DivisionEvents}.
 */
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

    /** The types of the events of one kind of structure, each carrying its whole state (StructureStates, FederationState). */
    public static final Set<String> FEDERATION_TYPES = types(FEDERATION_ESTABLISHED, FEDERATION_UPDATED, FEDERATION_DISSOLVED);
    public static final Set<String> INCUBATOR_TYPES = types(INCUBATOR_OPENED, INCUBATOR_UPDATED, INCUBATOR_CLOSED);
    public static final Set<String> ENROLLMENT_TYPES = types(ENROLLMENT_STARTED, ENROLLMENT_GRADUATED, ENROLLMENT_WITHDRAWN);
    public static final Set<String> HUB_DEMONSTRATION_TYPES = types(HUB_DEMONSTRATION_CERTIFIED, HUB_DEMONSTRATION_UPDATED,
            HUB_DEMONSTRATION_REVOKED);
    public static final Set<String> VENUE_SUPPORT_TYPES = types(VENUE_SUPPORT_GRANTED, VENUE_SUPPORT_UPDATED, VENUE_SUPPORT_ENDED);
    public static final Set<String> FUNDING_TYPES = types(FUNDING_GRANTED, FUNDING_UPDATED, FUNDING_CANCELLED);

    private IncubationEvents() {
    }

    private static Set<String> types(EventType... events) {
        Set<String> types = new LinkedHashSet<>();
        for (EventType event : events) {
            types.add(event.type());
        }
        return Collections.unmodifiableSet(types);
    }
}
