package io.miaopu.training.rest;

import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.training.domain.Vocabulary.Format;
import io.miaopu.training.domain.Vocabulary.Role;
import io.miaopu.training.service.LedgerService;
import io.miaopu.training.service.Training;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/training-ledger")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "training ledger", description = "The training ledger (培训台账) in person-times (人次), for T10 (1,000 person-times "
        + "by 2025) and T13 (training in every township-level unit).")
public class LedgerResource {

    private final LedgerService service;
    private final SecurityIdentity identity;

    public LedgerResource(LedgerService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The training ledger / 培训台账", description = "Of trainees serving in the division or under it (default: "
            + "your jurisdiction; the division a trainee served when the attendance was recorded), at sessions held from–to "
            + "(from: default every session before to; to: default today; ask a plan's years, e.g. from=2026-01-01, for one "
            + "plan), of a role and a format: person-times net of reversals, entries recorded and "
            + "reversed, distinct trainees, person-times by role, format and year, and the township-level units with at least "
            + "one person-time out of all active ones under the division (their share, and each unit, untrained first).")
    public Uni<Training.Ledger> ledger(@QueryParam("division") String division, @QueryParam("from") String from,
                                          @QueryParam("to") String to, @QueryParam("role") String role,
                                          @QueryParam("format") String format) {
        var start = QueryParams.date("from", from);
        var end = QueryParams.date("to", to);
        if (start != null && end != null && end.isBefore(start)) {
            throw io.miaopu.chassis.rest.Inputs.invalid(io.miaopu.chassis.problem.ProblemType.VALIDATION, "to", "is before from",
                    "早于 from");
        }
        return service.ledger(QueryParams.text(division), start, end, QueryParams.enumValue(Role.class, "role", role),
                QueryParams.enumValue(Format.class, "format", format), Caller.of(identity));
    }
}
