package io.miaopu.registry.contract;

import io.miaopu.chassis.events.EventType;
import java.util.Set;

/**
 * The facts registry-service publishes on miaopu.registry.v1, keyed by the organization id: its event
 * contract, which its consumers depend on (schemas: docs/events/io.miaopu.registry.*, packaged with this module).
 */
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

    /**
     * The types of the events that carry an organization's whole state (registry-service's OrganizationState,
     * schemas io.miaopu.registry.organization.*): what replicas and projections of organizations apply.
     */
    public static final Set<String> ORGANIZATION_STATE_TYPES = Set.of(ORGANIZATION_REGISTERED.type(),
            ORGANIZATION_FILED.type(), ORGANIZATION_UPDATED.type(), ORGANIZATION_STATUS_CHANGED.type());

    private RegistryEvents() {
    }

    private static EventType of(String fact) {
        return new EventType(TOPIC, "io.miaopu.registry." + fact + ".v1");
    }
}
