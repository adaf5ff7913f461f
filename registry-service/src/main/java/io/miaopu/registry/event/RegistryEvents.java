package io.miaopu.registry.event;

import io.miaopu.chassis.events.EventType;

/** The facts registry-service publishes on miaopu.registry.v1, keyed by the organization id. */
public final class RegistryEvents {

    public static final String TOPIC = "miaopu.registry.v1";

    public static final EventType ORGANIZATION_REGISTERED = of("organization.registered");
    public static final EventType ORGANIZATION_FILED = of("organization.filed");
    public static final EventType ORGANIZATION_UPDATED = of("organization.updated");
    public static final EventType ORGANIZATION_STATUS_CHANGED = of("organization.status-changed");
    public static final EventType ACTIVITY_RECORDED = of("activity.recorded");
    public static final EventType MAJOR_ACTIVITY_REPORTED = of("major-activity.reported");
    public static final EventType WORK_REPORT_SUBMITTED = of("work-report.submitted");
    public static final EventType EVALUATION_RECORDED = of("evaluation.recorded");
    public static final EventType PARTY_LIAISON_RECORDED = of("party-liaison.recorded");

    private RegistryEvents() {
    }

    private static EventType of(String fact) {
        return new EventType(TOPIC, "io.miaopu.registry." + fact + ".v1");
    }
}
