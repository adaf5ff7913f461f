package io.miaopu.chassis.security;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** A service's view of the hierarchy: what exists, what lies under what (following parent links, not code prefixes). */
public interface Hierarchy {

    /** True when {@code code} is {@code ancestor} or lies below it. */
    Uni<Boolean> isWithin(String code, String ancestor);

    /** True when the division is known (active or retired). */
    Uni<Boolean> exists(String code);

    /** The division and every division below it. */
    Uni<List<String>> selfAndDescendants(String code);
}
