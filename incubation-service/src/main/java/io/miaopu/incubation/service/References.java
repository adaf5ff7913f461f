package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.registry.contract.replica.OrganizationReplica;
import io.miaopu.registry.contract.replica.OrganizationReplicaEntry;
import io.miaopu.incubation.repository.DivisionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Checks that a request names divisions and organizations that exist and may be used: else a 422 naming the field. */
@ApplicationScoped
public class References {

    private final DivisionRepository divisions;
    private final OrganizationReplica organizations;

    public References(DivisionRepository divisions, OrganizationReplica organizations) {
        this.divisions = divisions;
        this.organizations = organizations;
    }

    public Uni<Division> activeDivision(String code, String field) {
        return divisions.findById(code).invoke(division -> {
            if (division == null || !division.active) {
                throw Inputs.invalid(ProblemType.RULE_VIOLATION, field, "unknown or retired division", "辖区不存在或已撤销");
            }
        });
    }

    public Uni<Division> activeDivisionAt(String code, DivisionLevel level, String field) {
        return activeDivision(code, field).invoke(division -> {
            if (division.level != level) {
                throw Inputs.invalid(ProblemType.RULE_VIOLATION, field, "is a " + division.level + ", not a " + level,
                        "层级不符：应为 " + level);
            }
        });
    }

    /** The codes a list filtered by {@code division} covers (see {@link Jurisdiction#divisionsToList}). */
    public Uni<List<String>> divisionsToList(String division, Caller caller) {
        return Jurisdiction.divisionsToList(division, caller, divisions);
    }

    /** An organization registry knows and has not deregistered. */
    public Uni<OrganizationReplicaEntry> usableOrganization(UUID id, String field) {
        return organizations.usable(id, field);
    }
}
