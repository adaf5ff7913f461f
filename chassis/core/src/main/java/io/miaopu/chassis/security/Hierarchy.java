package io.miaopu.chassis.security;

import io.smallrye.mutiny.Uni;

/** Answers "is division A within division B" from a service's view of the hierarchy. */
public interface Hierarchy {

    /** True when {@code code} is {@code ancestor} or lies below it (following parent links, not code prefixes). */
    Uni<Boolean> isWithin(String code, String ancestor);
}
