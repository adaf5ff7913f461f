package io.miaopu.registry.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.registry.domain.Activity;
import io.miaopu.registry.domain.MajorActivityReport;
import io.miaopu.registry.domain.PartyLiaison;
import io.miaopu.registry.domain.WorkReport;
import io.miaopu.registry.mapping.RecordMapper;
import io.miaopu.registry.service.RecordApi;
import io.miaopu.registry.service.RecordService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organization records", description = "What an organization does and reports (作用发挥, 规范管理): activities under "
        + "the four themes (邻里守望, 社区协商, 共创平安, 文化铸魂), major-activity reports made in advance (重大活动报告), "
        + "work reports to the two committees (两委) and their evaluations (评估评议), Party liaison (红色领航). Append-only; "
        + "recorded within your jurisdiction, for organizations not deregistered.")
public class RecordResource {

    private final RecordService service;
    private final SecurityIdentity identity;

    public RecordResource(RecordService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/{id}/activities")
    @Operation(summary = "Record an activity / 记录活动")
    public Uni<Response> recordActivity(@PathParam("id") UUID id, @NotNull RecordApi.ActivityInput request) {
        return service.recordActivity(id, request, caller()).map(a -> created(id, "activities", a.id,
                RecordMapper.toResponse(a, service.beneficiaries(a))));
    }

    @GET
    @Path("/{id}/activities")
    @Operation(summary = "Activities / 活动记录", description = "Newest first; paged.")
    public Uni<Page<RecordApi.ActivityResponse>> activities(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(Activity.class, id, "heldOn", page, size, caller())
                .map(p -> p.map(a -> RecordMapper.toResponse(a, service.beneficiaries(a))));
    }

    @POST
    @Path("/{id}/major-activity-reports")
    @Operation(summary = "Report a major activity in advance / 重大活动报告", description = "plannedOn must be after today.")
    public Uni<Response> reportMajorActivity(@PathParam("id") UUID id, @NotNull RecordApi.MajorActivityInput request) {
        return service.reportMajorActivity(id, request, caller())
                .map(r -> created(id, "major-activity-reports", r.id, RecordMapper.toResponse(r)));
    }

    @GET
    @Path("/{id}/major-activity-reports")
    @Operation(summary = "Major-activity reports / 重大活动报告记录", description = "Latest planned first; paged.")
    public Uni<Page<RecordApi.MajorActivityResponse>> majorActivities(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(MajorActivityReport.class, id, "plannedOn", page, size, caller())
                .map(p -> p.map(RecordMapper::toResponse));
    }

    @POST
    @Path("/{id}/work-reports")
    @Operation(summary = "Submit a work report / 提交工作报告", description = "One report per period.")
    public Uni<Response> submitWorkReport(@PathParam("id") UUID id, @NotNull RecordApi.WorkReportInput request) {
        return service.submitWorkReport(id, request, caller())
                .map(r -> created(id, "work-reports", r.id, RecordMapper.toResponse(r)));
    }

    @GET
    @Path("/{id}/work-reports")
    @Operation(summary = "Work reports / 工作报告", description = "Latest period first; paged.")
    public Uni<Page<RecordApi.WorkReportResponse>> workReports(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(WorkReport.class, id, "periodStart", page, size, caller()).map(p -> p.map(RecordMapper::toResponse));
    }

    @POST
    @Path("/{id}/work-reports/{reportId}/evaluations")
    @Operation(summary = "Evaluate a work report / 评估评议", description = "By the two committees (once) or residents.")
    public Uni<Response> evaluate(@PathParam("id") UUID id, @PathParam("reportId") UUID reportId,
                                  @NotNull RecordApi.EvaluationInput request) {
        return service.evaluate(id, reportId, request, caller()).map(e -> Response.created(URI.create(
                "/api/v1/organizations/" + id + "/work-reports/" + reportId + "/evaluations/" + e.id))
                .entity(RecordMapper.toResponse(e)).build());
    }

    @GET
    @Path("/{id}/work-reports/{reportId}/evaluations")
    @Operation(summary = "Evaluations of a work report / 评议记录", description = "Newest first; paged.")
    public Uni<Page<RecordApi.EvaluationResponse>> evaluations(@PathParam("id") UUID id, @PathParam("reportId") UUID reportId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.evaluations(id, reportId, page, size, caller()).map(p -> p.map(RecordMapper::toResponse));
    }

    @POST
    @Path("/{id}/party-liaisons")
    @Operation(summary = "Record a Party liaison / 记录党建联络")
    public Uni<Response> recordPartyLiaison(@PathParam("id") UUID id, @NotNull RecordApi.PartyLiaisonInput request) {
        return service.recordPartyLiaison(id, request, caller())
                .map(p -> created(id, "party-liaisons", p.id, RecordMapper.toResponse(p)));
    }

    @GET
    @Path("/{id}/party-liaisons")
    @Operation(summary = "Party liaisons / 党建联络记录", description = "Latest first; paged.")
    public Uni<Page<RecordApi.PartyLiaisonResponse>> partyLiaisons(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(PartyLiaison.class, id, "since", page, size, caller()).map(p -> p.map(RecordMapper::toResponse));
    }

    private static Response created(UUID organizationId, String collection, UUID recordId, Object body) {
        return Response.created(URI.create("/api/v1/organizations/" + organizationId + "/" + collection + "/" + recordId))
                .entity(body).build();
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
