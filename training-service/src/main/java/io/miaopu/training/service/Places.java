package io.miaopu.training.service;

import io.miaopu.chassis.events.divisions.DivisionReplica;
import io.miaopu.chassis.events.divisions.DivisionReplicaEntry;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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

    public Uni<Void> requireWrite(Caller caller, String code) {
        return Jurisdiction.requireWrite(caller, code, divisions);
    }

    public Uni<Boolean> isReadable(Caller caller, String code) {
        return divisions.isReadable(caller, code);
    }

    public Uni<java.util.List<String>> toList(String division, Caller caller) {
        return divisions.toList(division, caller);
    }

    public DivisionReplica replica() {
        return divisions;
    }
}
