package io.miaopu.registry.service;

import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.registry.domain.Organization;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may see and change which organizations: by the community they serve, within the caller's
 * jurisdiction (replica of the hierarchy). A read outside it is a 404 that reveals nothing; a write
 * outside it a 403. The provincial platform reads everything and upserts by credit code.
 */
@ApplicationScoped
public class Access {

    private final DivisionReplica divisions;

    public Access(DivisionReplica divisions) {
        this.divisions = divisions;
    }

    /** The organization, if the caller may read it; else 404 as if it did not exist. */
    public Uni<Organization> readable(Organization organization, UUID id, Caller caller) {
        if (organization == null) {
            return Uni.createFrom().failure(notFound(id));
        }
        return Jurisdiction.requireVisible(caller, organization.communityCode, divisions, () -> notFound(id))
                .replaceWith(organization);
    }

    /** 403 unless the caller may write in the community. */
    public Uni<Void> requireWrite(Caller caller, String communityCode) {
        return Jurisdiction.requireWrite(caller, communityCode, divisions);
    }

    /** 403 unless the caller is the provincial platform: only it synchronises by credit code. */
    public void requireProvincePlatform(Caller caller) {
        if (!caller.roles().contains(Jurisdiction.PROVINCE_PLATFORM)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the provincial platform synchronises by credit code; "
                    + "register with POST /api/v1/organizations.", "仅省级平台按统一社会信用代码同步；登记请使用 POST /api/v1/organizations。");
        }
    }

    /** 403 unless the community lies within the provincial platform's division. */
    public Uni<Void> requireUpsert(Caller caller, String communityCode) {
        return Jurisdiction.requireWithin(upsertScope(caller), communityCode, divisions, "change");
    }

    /** The division within which the provincial platform synchronises by credit code: its own. */
    public static Optional<String> upsertScope(Caller caller) {
        return caller.division();
    }

    /** The division a list covers: {@code division}, by default the caller's jurisdiction (400 unknown, 403 outside). */
    public Uni<String> divisionToList(String division, Caller caller) {
        return Jurisdiction.divisionToList(division, caller, divisions);
    }

    /** A division anyone may list by (public disclosure); an unknown division is a 400. */
    public Uni<String> knownDivision(String division) {
        return divisions.exists(division).map(found -> {
            if (!found) {
                throw Inputs.invalid(ProblemType.VALIDATION, "division", "unknown division", "辖区不存在");
            }
            return division;
        });
    }

    public static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No organization " + id + ".", "组织不存在。");
    }
}
