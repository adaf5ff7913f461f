package io.miaopu.registry.domain;

import io.miaopu.chassis.write.ChangeType;

/** What kind of change an organization's history entry records ({@code change_log.change_type}). */
public enum OrganizationChangeType implements ChangeType {
    /** Registered (登记): a new REGISTERED organization. */
    REGISTERED,
    /** Filed (备案): a new organization of the other management classes. */
    FILED,
    /** Its recorded facts corrected (a PATCH, the provincial platform's synchronisation). */
    UPDATED,
    STATUS_CHANGED
}
