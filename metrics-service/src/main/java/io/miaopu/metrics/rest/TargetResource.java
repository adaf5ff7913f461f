package io.miaopu.metrics.rest;

import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.metrics.domain.Plan;
import io.miaopu.metrics.service.PlanInputs;
import io.miaopu.metrics.service.PlanService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The targets of one plan at the short address: plan= names it, else the plan measured this year. */
@Path("/api/v1")
@RolesAllowed({"city-admin", "county-officer", "township-clerk", "province-platform"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets", description = "A plan's targets (规划目标) as data, e.g. T1–T13 of 乐山市培育发展社区社会组织专项行动 "
        + "2021–2025, at /targets?plan= (default: the plan measured this year) or /plans/{plan}/targets.")
public class TargetResource {

    static final String PLAN = "A plan id (e.g. leshan-2021-2025). Default: the ACTIVE plan of the city whose years include "
            + "this year, else the last plan before it.";

    private final PlanService plans;
    private final SecurityIdentity identity;

    public TargetResource(PlanService plans, SecurityIdentity identity) {
        this.plans = plans;
        this.identity = identity;
    }

    @GET
    @Path("/targets")
    @Operation(summary = "A plan's targets / 规划目标", description = "Every target of the plan with its newest figures "
            + "(thresholds, tiers, years) and options (T11 NET or CUMULATIVE 累计创建, T12 the levels that must have an incubator, "
            + "T13 coverage by where trainees serve or where sessions were held).")
    public Uni<List<TargetApi.TargetResponse>> list(@Parameter(description = PLAN) @QueryParam("plan") String plan) {
        return planId(plan).chain(plans::targets).map(all -> all.stream().map(TargetApi::toResponse).toList());
    }

    @GET
    @Path("/targets/{id}")
    @Operation(summary = "One target / 单个目标", description = "With its ETag (version) for a revision.")
    public Uni<Response> get(@PathParam("id") String id, @Parameter(description = PLAN) @QueryParam("plan") String plan) {
        return planId(plan).chain(p -> plans.target(p, id)).map(PlanResource::targetResponse);
    }

    @PUT
    @Path("/targets/{id}")
    @Operation(summary = "Revise a target / 修订目标（市民政局）", description = "City bureau only; the same as PUT "
            + "/plans/{plan}/targets/{id}: a DRAFT plan's target is edited, an ACTIVE plan's is revised from fromYear on "
            + "(required; the years before keep their figures), a CLOSED plan's never changes (409). Only the figures the "
            + "target's kind uses; shares from 0 to 1; tier counties active county-level units in no other tier; years within "
            + "the plan's; a reason. If-Match with the ETag read (428 without, 412 stale). Every change is kept.")
    public Uni<Response> revise(@PathParam("id") String id, @Parameter(description = PLAN) @QueryParam("plan") String plan,
                                @HeaderParam("If-Match") String ifMatch, @NotNull PlanInputs.Revision request) {
        return planId(plan).chain(p -> plans.revise(p, id, request, ifMatch, Caller.of(identity))).map(PlanResource::targetResponse);
    }

    @GET
    @Path("/targets/{id}/history")
    @Operation(summary = "Changes of a target / 目标修订记录", description = "Each change with the figures before and after, the "
            + "first year it applies to, the reason, who and when.")
    public Uni<List<TargetApi.ChangeResponse>> history(@PathParam("id") String id,
                                                       @Parameter(description = PLAN) @QueryParam("plan") String plan) {
        return planId(plan).chain(p -> plans.history(p, id)).map(PlanResource::changes);
    }

    private Uni<String> planId(String plan) {
        String named = QueryParams.text(plan);
        return named != null ? Uni.createFrom().item(named) : plans.defaultPlan().map((Plan p) -> p.id);
    }
}
