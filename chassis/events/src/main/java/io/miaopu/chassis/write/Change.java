package io.miaopu.chassis.write;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Preconditions;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Hierarchy;
import io.miaopu.chassis.security.Jurisdiction;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One audited change of an existing aggregate, built by {@link Writes#change} and run by
 * {@link #apply}: locked read → 404 → jurisdiction → guards → version → checks → snapshot → mutate →
 * next version → history and event. Each step runs only when the one before it passed, so a refused
 * change writes nothing.
 */
public final class Change<A extends Audited> {

    private final Writes writes;
    private final AggregateKind<A> kind;
    private final Uni<A> locked;
    private final Caller caller;
    private Hierarchy divisions;
    private final List<Function<A, Uni<?>>> guards = new ArrayList<>();
    private Consumer<A> versionCheck = a -> {
    };
    private final List<Function<A, Uni<?>>> checks = new ArrayList<>();

    Change(Writes writes, AggregateKind<A> kind, Uni<A> locked, Caller caller) {
        this.writes = writes;
        this.kind = kind;
        this.locked = locked;
        this.caller = caller;
    }

    /** Within the caller's jurisdiction over {@code kind.division()}: unseen is a 404 (as missing), seen but not writable a 403. */
    public Change<A> within(Hierarchy divisions) {
        this.divisions = divisions;
        return this;
    }

    /** A further permission check (a certifying level, the province platform …), before the version is compared. */
    public Change<A> guard(Function<A, Uni<?>> guard) {
        guards.add(guard);
        return this;
    }

    /** The same, when the check needs no database. */
    public Change<A> require(Consumer<A> guard) {
        return guard(a -> {
            guard.accept(a);
            return Uni.createFrom().voidItem();
        });
    }

    /** If-Match must name the current version: 428 without it, 412 when stale. */
    public Change<A> ifMatch(String ifMatch) {
        versionCheck = a -> Preconditions.requireIfMatch(ifMatch, a.version(), staleEn(), staleZh());
        return this;
    }

    /** If-Match, compared only when sent (a status change, a synchronisation that may also create). */
    public Change<A> ifMatchWhenSent(String ifMatch) {
        versionCheck = a -> {
            if (ifMatch != null && !ifMatch.isBlank()) {
                Preconditions.requireIfMatch(ifMatch, a.version(), staleEn(), staleZh());
            }
        };
        return this;
    }

    /**
     * The version as If-Match names it, or else as a deprecated body field names it (409 naming
     * {@code field} when stale); neither is a 428. If-Match wins when both are sent.
     */
    public Change<A> ifMatchOrBodyVersion(String ifMatch, Long bodyVersion, String field) {
        versionCheck = a -> {
            if (ifMatch != null || bodyVersion == null) {
                Preconditions.requireIfMatch(ifMatch, a.version(), staleEn(), staleZh());
            } else if (bodyVersion != a.version()) {
                throw Inputs.invalid(ProblemType.CONFLICT, field, "is not the current version (" + a.version() + "); read it again",
                        "不是当前版本，请重新读取");
            }
        };
        return this;
    }

    /** A rule that needs the database (uniqueness, a referenced division …), after the version is compared. */
    public Change<A> check(Function<A, Uni<?>> check) {
        checks.add(check);
        return this;
    }

    /** Mutates the aggregate in place and says what it did; null (or no change of state) writes nothing. */
    public Uni<A> apply(Function<A, Outcome> mutate) {
        return applyAsync(a -> Uni.createFrom().item(mutate.apply(a)));
    }

    public Uni<A> applyAsync(Function<A, Uni<Outcome>> mutate) {
        Uni<A> found = locked.onItem().ifNull().failWith(kind::notFound);
        if (divisions != null) {
            found = found.call(a -> Jurisdiction.requireChange(caller, kind.division().apply(a), divisions, kind::notFound));
        }
        for (Function<A, Uni<?>> guard : guards) {
            found = found.call(a -> guard.apply(a));
        }
        found = found.invoke(versionCheck);
        for (Function<A, Uni<?>> check : checks) {
            found = found.call(a -> check.apply(a));
        }
        return found.chain(a -> {
            Object stateBefore = kind.state().apply(a);
            String before = writes.serialize(stateBefore);
            return mutate.apply(a).chain(outcome -> {
                // A change that changes nothing is no change: no new version, no history, no event.
                if (outcome == null || Objects.equals(kind.state().apply(a), stateBefore)) {
                    return Uni.createFrom().item(a);
                }
                OffsetDateTime at = Writes.now();
                a.advance(at);
                return writes.record(kind, List.of(new Writes.Recorded<>(a, outcome.type(), before, outcome.reason(),
                        caller.actor(), outcome.event(), at))).replaceWith(a);
            });
        });
    }

    private String staleEn() {
        return "The " + kind.name() + " changed since you read it (If-Match does not name the current ETag); read it again.";
    }

    private String staleZh() {
        return "该" + kind.nameZh() + "在您读取后已被修改（If-Match 与当前 ETag 不符），请重新读取。";
    }
}
