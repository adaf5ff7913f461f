package io.miaopu.metrics.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.tabular.XlsxStream;
import io.miaopu.metrics.domain.Plan;
import io.miaopu.metrics.domain.PlanEvaluation;
import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.domain.TargetChange;
import io.miaopu.metrics.service.EvaluationService;
import io.miaopu.metrics.service.PlanInputs;
import io.miaopu.metrics.service.PlanService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/plans")
@RolesAllowed({"city-admin", "county-officer", "township-clerk", "province-platform"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "plans", description = "Plans (规划) as data: the city's 2021–2025 plan (leshan-2021-2025) and the plans after it, "
        + "each with its years, its targets and its final evaluations (终期评估). The city bureau writes a plan as a DRAFT "
        + "(optionally copying another plan's targets, years shifted), activates it (two ACTIVE plans of one division never "
        + "overlap), revises its targets from a stated year on, evaluates it once its last year has ended and then closes "
        + "it; a CLOSED plan never changes. Every role reads.")
public class PlanResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PlanService plans;
    private final EvaluationService evaluations;
    private final SecurityIdentity identity;

    public PlanResource(PlanService plans, EvaluationService evaluations, SecurityIdentity identity) {
        this.plans = plans;
        this.evaluations = evaluations;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Plans / 规划列表", description = "Every plan, earliest first, with its status.")
    public Uni<List<PlanApi.PlanResponse>> list() {
        return plans.plans().map(all -> all.stream().map(PlanApi::toResponse).toList());
    }

    @POST
    @Operation(summary = "Write a new plan / 编制新规划（市民政局）", description = "A DRAFT plan of a division (default the city) "
            + "with its years; copyFrom copies another plan's targets with their newest figures, years shifted by the difference "
            + "of the first years. 409 when the id is taken.")
    public Uni<Response> create(@NotNull PlanInputs.NewPlan request) {
        return plans.create(request, Caller.of(identity)).map(p -> Response.created(URI.create("/api/v1/plans/" + p.id))
                .entity(PlanApi.toResponse(p)).tag(new EntityTag(String.valueOf(p.version))).build());
    }

    @GET
    @Path("/{plan}")
    @Operation(summary = "One plan / 单个规划", description = "With its ETag (version) for activating and closing it.")
    public Uni<Response> get(@PathParam("plan") String plan) {
        return plans.plan(plan).map(PlanResource::planResponse);
    }

    @POST
    @Path("/{plan}/activate")
    @Operation(summary = "Activate a plan / 启用规划", description = "DRAFT → ACTIVE: measured and revised from now on. 409 when "
            + "another ACTIVE plan of the division overlaps its years or the plan is not a DRAFT; 422 without targets. If-Match.")
    public Uni<Response> activate(@PathParam("plan") String plan, @HeaderParam("If-Match") String ifMatch) {
        return plans.activate(plan, ifMatch, Caller.of(identity)).map(PlanResource::planResponse);
    }

    @POST
    @Path("/{plan}/close")
    @Operation(summary = "Close a plan / 关闭规划", description = "ACTIVE → CLOSED, only after a final evaluation (422 before): "
            + "a CLOSED plan's targets never change again. If-Match.")
    public Uni<Response> close(@PathParam("plan") String plan, @HeaderParam("If-Match") String ifMatch) {
        return plans.close(plan, ifMatch, Caller.of(identity)).map(PlanResource::planResponse);
    }

    // ---- targets ------------------------------------------------------------------------------------------------

    @GET
    @Path("/{plan}/targets")
    @Operation(summary = "A plan's targets / 规划目标", description = "In the plan's order, with their newest figures and options.")
    public Uni<List<TargetApi.TargetResponse>> targets(@PathParam("plan") String plan) {
        return plans.targets(plan).map(all -> all.stream().map(TargetApi::toResponse).toList());
    }

    @POST
    @Path("/{plan}/targets")
    @Operation(summary = "Add a target / 新增目标", description = "To a DRAFT plan only (409 otherwise): an id unique in the plan, "
            + "a kind (how it is measured: any existing kind, no release needed), names, unit and the figures the kind uses.")
    public Uni<Response> addTarget(@PathParam("plan") String plan, @NotNull PlanInputs.NewTarget request) {
        return plans.add(plan, request, Caller.of(identity)).map(t -> Response.created(URI.create("/api/v1/plans/" + plan
                + "/targets/" + t.id)).entity(TargetApi.toResponse(t)).tag(new EntityTag(String.valueOf(t.version))).build());
    }

    @GET
    @Path("/{plan}/targets/{id}")
    @Operation(summary = "One target / 单个目标", description = "With its ETag (version) for a change.")
    public Uni<Response> target(@PathParam("plan") String plan, @PathParam("id") String id) {
        return plans.target(plan, id).map(PlanResource::targetResponse);
    }

    @PUT
    @Path("/{plan}/targets/{id}")
    @Operation(summary = "Change a target / 修改或修订目标", description = "A DRAFT plan's target is edited; an ACTIVE plan's is "
            + "revised from fromYear on (required, within the plan's years, not before the previous revision's): the years "
            + "before keep the figures they had. A CLOSED plan never changes (409). A reason; If-Match (428 without, 412 stale).")
    public Uni<Response> revise(@PathParam("plan") String plan, @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                @NotNull PlanInputs.Revision request) {
        return plans.revise(plan, id, request, ifMatch, Caller.of(identity)).map(PlanResource::targetResponse);
    }

    @DELETE
    @Path("/{plan}/targets/{id}")
    @Operation(summary = "Remove a target / 删除目标", description = "From a DRAFT plan only (409 otherwise). If-Match.")
    public Uni<Response> removeTarget(@PathParam("plan") String plan, @PathParam("id") String id,
                                      @HeaderParam("If-Match") String ifMatch) {
        return plans.remove(plan, id, ifMatch, Caller.of(identity)).map(done -> Response.noContent().build());
    }

    @GET
    @Path("/{plan}/targets/{id}/history")
    @Operation(summary = "Changes of a target / 目标修订记录")
    public Uni<List<TargetApi.ChangeResponse>> history(@PathParam("plan") String plan, @PathParam("id") String id) {
        return plans.history(plan, id).map(PlanResource::changes);
    }

    // ---- final evaluations --------------------------------------------------------------------------------------

    @Schema(description = "A final evaluation to make, with the bureau's note.")
    public record NewEvaluation(@Schema(required = true, description = "1–2000 characters, e.g. the meeting that adopted it") String note) {
    }

    @Schema(description = "A final evaluation as listed: the whole frozen document is GET …/evaluations/{id}.")
    public record EvaluationSummary(UUID id, String plan, String note, String evaluatedBy, OffsetDateTime evaluatedAt,
                                    OffsetDateTime asOf, String sha256) {
    }

    @POST
    @Path("/{plan}/evaluations")
    @Operation(summary = "Make the final evaluation / 终期评估", description = "City bureau only, once the plan's last year has "
            + "ended (422 before): freezes, for every year of the plan, every target's figures, the county table, the yearly "
            + "new organizations and each county-level and township-level unit's figures, with who, when, asOf and the SHA-256 "
            + "of the figures' canonical JSON. Answers the frozen document, as GET will forever. A corrected evaluation is a new "
            + "one; both stay. Also published on the data-exchange feed (io.miaopu.exchange.plan-evaluation.v1).")
    public Uni<Response> evaluate(@PathParam("plan") String plan, @NotNull NewEvaluation request) {
        return evaluations.evaluate(plan, request.note(), Caller.of(identity)).map(e -> Response.created(URI.create(
                "/api/v1/plans/" + plan + "/evaluations/" + e.id)).entity(e.document.getBytes(StandardCharsets.UTF_8))
                .type(MediaType.APPLICATION_JSON).tag(new EntityTag(e.sha256)).build());
    }

    @GET
    @Path("/{plan}/evaluations")
    @Operation(summary = "A plan's final evaluations / 评估列表", description = "Earliest first.")
    public Uni<List<EvaluationSummary>> evaluations(@PathParam("plan") String plan) {
        return evaluations.list(plan, Caller.of(identity)).map(all -> all.stream().map(e -> new EvaluationSummary(e.id, e.planId, e.note, e.evaluatedBy,
                e.evaluatedAt, e.asOf, e.sha256)).toList());
    }

    @GET
    @Path("/{plan}/evaluations/{evaluation}")
    @Produces({MediaType.APPLICATION_JSON, XlsxStream.MEDIA_TYPE})
    @Operation(summary = "A final evaluation / 终期评估结果", description = "format=json (default): the frozen document, byte for "
            + "byte as when it was made (ETag: its SHA-256). format=xlsx: the evaluation as the bureau files it, a sheet each for "
            + "the summary (汇总), the counties (分县), the townships (乡镇街道) and the yearly new organizations (年度新增).")
    public Uni<Response> evaluation(@PathParam("plan") String plan, @PathParam("evaluation") String evaluation,
                                    @Parameter(description = "json or xlsx") @QueryParam("format") String format) {
        String chosen = QueryParams.text(format) == null ? "json" : QueryParams.text(format);
        if (!chosen.equals("json") && !chosen.equals("xlsx")) {
            throw Inputs.invalid(ProblemType.VALIDATION, "format", "must be json or xlsx", "须为 json 或 xlsx");
        }
        return evaluations.get(plan, uuid(evaluation), Caller.of(identity)).map(e -> {
            if (chosen.equals("json")) {
                return Response.ok(e.document.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON)
                        .tag(new EntityTag(e.sha256)).build();
            }
            try {
                return Response.ok(EvaluationWorkbook.write(evaluations.figures(e)), XlsxStream.MEDIA_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"miaopu-evaluation-" + plan + "-" + e.id + ".xlsx\"")
                        .build();
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
        });
    }

    @GET
    @Path("/{plan}/evaluations/{evaluation}/drift")
    @Operation(summary = "What drifted since / 评估后数据漂移", description = "The evaluation measured again today: every figure "
            + "that differs, with the frozen and the current value, and the source changes behind them, counted: organizations "
            + "registered late (recorded after the evaluation, registered within the plan's years), status changes backdated "
            + "into the plan's years, hierarchy changes (units reassigned, retired or created, communities changed, in a year "
            + "of the plan) and target revisions since. The evaluation itself never changes.")
    public Uni<EvaluationService.Drift> drift(@PathParam("plan") String plan, @PathParam("evaluation") String evaluation) {
        return evaluations.drift(plan, uuid(evaluation), Caller.of(identity));
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    static Response planResponse(Plan p) {
        return Response.ok(PlanApi.toResponse(p)).tag(new EntityTag(String.valueOf(p.version))).build();
    }

    static Response targetResponse(Target t) {
        return Response.ok(TargetApi.toResponse(t)).tag(new EntityTag(String.valueOf(t.version))).build();
    }

    static List<TargetApi.ChangeResponse> changes(List<TargetChange> list) {
        return list.stream().map(c -> new TargetApi.ChangeResponse(c.version, c.fromYear, raw(c.before), raw(c.after), c.reason,
                c.changedBy, c.changedAt)).toList();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No evaluation " + id + ".", "评估不存在。");
        }
    }

    private static JsonNode raw(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
