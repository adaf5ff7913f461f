package io.miaopu.training.service;

import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.miaopu.incubation.contract.replica.DivisionReplicaEntry;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Hierarchy;
import io.miaopu.chassis.security.Jurisdiction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/** Divisions as training uses them: where a session was organized, where a trainee serves. From the replica. */
@ApplicationScoped
public class Places {

    public static final String TOWNSHIP = "TOWNSHIP";

    private final DivisionReplica divisions;

    public Places(DivisionReplica divisions) {
        this.divisions = divisions;
    }

    /** An active division of the city (the city, a county, a township or a community); else a 422 naming the field. */
    public Uni<DivisionReplicaEntry> requireActive(String code, String field) {
        return divisions.find(code).invoke(division -> {
            if (division == null || !division.active || "PROVINCE".equals(division.level)) {
                throw Inputs.invalid(ProblemType.RULE_VIOLATION, field, "is not an active division of the city",
                        "不是现行的市内区划");
            }
        });
    }

    /** The township-level unit of a division (itself, or the one above a community); null above township level. */
    public Uni<String> townshipOf(String code) {
        return divisions.selfOrAncestorAt(code, TOWNSHIP);
    }

    /** The division hierarchy the jurisdiction checks walk (the replica). */
    public Hierarchy hierarchy() {
        return divisions;
    }

    public Uni<Void> requireWrite(Caller caller, String code) {
        return Jurisdiction.requireWrite(caller, code, divisions);
    }

    public Uni<Boolean> isReadable(Caller caller, String code) {
        return divisions.isReadable(caller, code);
    }

    /** A thing in {@code code} the caller may read; else {@code notFound}, as if it did not exist. */
    public Uni<Void> requireVisible(Caller caller, String code, Supplier<? extends RuntimeException> notFound) {
        return Jurisdiction.requireVisible(caller, code, divisions, notFound);
    }

    /** A thing in {@code code} the caller may change: unseen, {@code notFound}; seen but not writable, 403. */
    public Uni<Void> requireChange(Caller caller, String code, Supplier<? extends RuntimeException> notFound) {
        return Jurisdiction.requireChange(caller, code, divisions, notFound);
    }

    public Uni<java.util.List<String>> toList(String division, Caller caller) {
        return divisions.toList(division, caller);
    }

    /**
     * Answers already asked within one request (a sign-in sheet names the same few divisions on many
     * rows). Rows are handled one after another, so a plain map serves.
     */
    public static final class Memo {
        private final java.util.Map<String, Object> answers = new java.util.HashMap<>();

        @SuppressWarnings("unchecked")
        <T> Uni<T> remember(String key, java.util.function.Supplier<Uni<T>> ask) {
            if (answers.containsKey(key)) {
                return Uni.createFrom().item((T) answers.get(key));
            }
            return ask.get().invoke(answer -> answers.put(key, answer));
        }
    }

    /** Whether the division is an active division of the city, asked once per request. */
    Uni<Boolean> isActive(String code, Memo memo) {
        return memo.remember("active:" + code, () -> divisions.find(code)
                .map(d -> d != null && d.active && !"PROVINCE".equals(d.level)));
    }

    /** Whether the caller may write in the division, asked once per request. */
    Uni<Boolean> isWritable(Caller caller, String code, Memo memo) {
        return memo.remember("writable:" + code, () -> Jurisdiction.writeScope(caller)
                .map(scope -> divisions.isWithin(code, scope)).orElse(Uni.createFrom().item(false)));
    }

    Uni<Boolean> isReadable(Caller caller, String code, Memo memo) {
        return memo.remember("readable:" + code, () -> divisions.isReadable(caller, code));
    }

    /** The township-level unit of a division, asked once per request (empty above township level). */
    Uni<java.util.Optional<String>> townshipOf(String code, Memo memo) {
        return memo.remember("township:" + code, () -> townshipOf(code).map(java.util.Optional::ofNullable));
    }
}
