package io.miaopu.chassis.security;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import io.miaopu.chassis.rest.Inputs;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may read and write where (辖区). A caller's jurisdiction is the {@code division} claim of the
 * token: city-admin the city, county-officer a county, township-clerk a township; they write and
 * read within it. province-platform reads within its division (the province) and never writes.
 * exchange-reader reads only the event feed. Containment is asked of a {@link Hierarchy}.
 */
public final class Jurisdiction {

    public static final String CITY_ADMIN = "city-admin";
    public static final String COUNTY_OFFICER = "county-officer";
    public static final String TOWNSHIP_CLERK = "township-clerk";
    public static final String PROVINCE_PLATFORM = "province-platform";

    private Jurisdiction() {
    }

    /** The division under which the caller may write, if any. */
    public static Optional<String> writeScope(Caller caller) {
        boolean writer = caller.roles().contains(CITY_ADMIN) || caller.roles().contains(COUNTY_OFFICER)
                || caller.roles().contains(TOWNSHIP_CLERK);
        return writer ? caller.division() : Optional.empty();
    }

    /** The division under which the caller may read, if any. */
    public static Optional<String> readScope(Caller caller) {
        return writeScope(caller).or(() -> caller.roles().contains(PROVINCE_PLATFORM) ? caller.division() : Optional.empty());
    }

    public static Uni<Void> requireWrite(Caller caller, String division, Hierarchy hierarchy) {
        return require(writeScope(caller), division, hierarchy, "change");
    }

    public static Uni<Void> requireRead(Caller caller, String division, Hierarchy hierarchy) {
        return require(readScope(caller), division, hierarchy, "read");
    }

    /** Whether the caller may read what lies in {@code division} (never throws). */
    public static Uni<Boolean> isReadable(Caller caller, String division, Hierarchy hierarchy) {
        Optional<String> scope = readScope(caller);
        return scope.isEmpty() || division == null ? Uni.createFrom().item(false) : hierarchy.isWithin(division, scope.get());
    }

    /**
     * A read of an existing thing in {@code division}: outside the caller's read jurisdiction it is
     * {@code notFound}, the very answer for a thing that does not exist, so that an id one may not
     * read is never confirmed (docs/integrators.md, "Access outside your jurisdiction").
     */
    public static Uni<Void> requireVisible(Caller caller, String division, Hierarchy hierarchy,
                                           Supplier<? extends RuntimeException> notFound) {
        return isReadable(caller, division, hierarchy).invoke(readable -> {
            if (!readable) {
                throw notFound.get();
            }
        }).replaceWithVoid();
    }

    /**
     * A change of an existing thing in {@code division} (or of something under it): unseen, it is
     * {@code notFound} as for a read; seen but not writable by the caller (a reading role, a county
     * officer's read of the province level …) it is a 403.
     */
    public static Uni<Void> requireChange(Caller caller, String division, Hierarchy hierarchy,
                                          Supplier<? extends RuntimeException> notFound) {
        return requireVisible(caller, division, hierarchy, notFound).chain(() -> requireWrite(caller, division, hierarchy));
    }

    /** The read scope, or 403 when the caller has none. */
    public static String readScopeOrForbid(Caller caller) {
        return readScope(caller).orElseThrow(() -> forbidden("read", null));
    }

    /**
     * The divisions a list filtered by {@code division} covers: it and everything under it, by
     * default the caller's whole read jurisdiction. Unknown division: 400; outside the jurisdiction: 403.
     */
    public static Uni<List<String>> divisionsToList(String division, Caller caller, Hierarchy hierarchy) {
        return divisionToList(division, caller, hierarchy).chain(hierarchy::selfAndDescendants);
    }

    /**
     * The division a list filtered by {@code division} covers with everything under it, by default
     * the caller's whole read jurisdiction, for a query that walks the hierarchy itself (one bind
     * instead of one per division). Unknown division: 400; outside the jurisdiction: 403.
     */
    public static Uni<String> divisionToList(String division, Caller caller, Hierarchy hierarchy) {
        String scope = readScopeOrForbid(caller);
        String within = division == null ? scope : division;
        return hierarchy.exists(within)
                .invoke(exists -> {
                    if (!exists) {
                        throw Inputs.invalid(ProblemType.VALIDATION, "division", "unknown division", "辖区不存在");
                    }
                })
                .chain(() -> requireRead(caller, within, hierarchy))
                .replaceWith(within);
    }

    /** 403 unless {@code division} lies within {@code scope} (empty: the caller has no such scope). */
    public static Uni<Void> requireWithin(Optional<String> scope, String division, Hierarchy hierarchy, String action) {
        return require(scope, division, hierarchy, action);
    }

    private static Uni<Void> require(Optional<String> scope, String division, Hierarchy hierarchy, String action) {
        if (scope.isEmpty()) {
            return Uni.createFrom().failure(forbidden(action, null));
        }
        return hierarchy.isWithin(division, scope.get()).chain(within -> within ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(forbidden(action, division)));
    }

    private static ProblemException forbidden(String action, String division) {
        return division == null
                ? new ProblemException(ProblemType.FORBIDDEN, "Your role may not " + action + " this.", "您的角色无权执行此操作。")
                : new ProblemException(ProblemType.FORBIDDEN, "Division " + division + " is outside your jurisdiction.",
                "辖区 " + division + " 不在您的管辖范围内。");
    }
}
