package io.miaopu.incubation.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.incubation.domain.Enrollment;
import io.miaopu.incubation.domain.Incubator;
import io.miaopu.incubation.mapping.IncubatorMapper;
import io.miaopu.incubation.mapping.StructureChangeMapper;
import io.miaopu.incubation.service.IncubatorService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/incubators")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "incubators", description = "Incubation bases, support platforms and service stations (孵化基地、支持平台、服务站) "
        + "at every level, with the services they offer (党建指导、孵化、资金代管、培训) and the organizations they incubate "
        + "(入驻孵化). Target T12: an active one at the province, the city and every county-level unit.")
public class IncubatorResource {

    private final IncubatorService service;
    private final SecurityIdentity identity;

    public IncubatorResource(IncubatorService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Open an incubator / 新设孵化平台", description = "level must be the level of divisionCode (422 otherwise); "
            + "the province-level platform is recorded by the city bureau.")
    public Uni<Response> open(@Valid @NotNull IncubatorApi.Open request) {
        return service.open(request, caller()).map(i -> Response.created(URI.create("/api/v1/incubators/" + i.id))
                .entity(IncubatorMapper.toResponse(i)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incubator / 查询孵化平台")
    public Uni<IncubatorApi.IncubatorResponse> get(@PathParam("id") UUID id) {
        return service.get(id, caller()).map(IncubatorMapper::toResponse);
    }

    @GET
    @Operation(summary = "Incubators in a division / 孵化平台列表", description = "In the division and everything under it "
            + "(default: your jurisdiction, with the province-level platform). Paged.")
    public Uni<Page<IncubatorApi.IncubatorResponse>> list(
            @QueryParam("division") String division,
            @QueryParam("type") String type,
            @QueryParam("open") String open,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(QueryParams.text(division),
                        QueryParams.enumValue(Incubator.Type.class, "type", type), QueryParams.booleanValue("open", open),
                        page, size, caller())
                .map(p -> p.map(IncubatorMapper::toResponse));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Correct an incubator / 更正孵化平台信息", description = "Send the version you read; 409 if it changed.")
    public Uni<IncubatorApi.IncubatorResponse> update(@PathParam("id") UUID id, @Valid @NotNull IncubatorApi.Update request) {
        return service.update(id, request, caller()).map(IncubatorMapper::toResponse);
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close an incubator / 关闭孵化平台", description = "Only once no organization is incubated there.")
    public Uni<IncubatorApi.IncubatorResponse> close(@PathParam("id") UUID id, @Valid @NotNull IncubatorApi.Close request) {
        return service.close(id, request, caller()).map(IncubatorMapper::toResponse);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "History of an incubator / 孵化平台变更记录")
    public Uni<List<StructureChangeResponse>> history(@PathParam("id") UUID id) {
        return service.history(id, caller()).map(list -> list.stream().map(StructureChangeMapper::toResponse).toList());
    }

    @POST
    @Path("/{id}/enrollments")
    @Operation(summary = "Enroll an organization / 组织入孵", description = "A known, not deregistered organization, not "
            + "already incubated here, from a date not before the incubator opened.")
    public Uni<Response> enroll(@PathParam("id") UUID id, @Valid @NotNull IncubatorApi.Enroll request) {
        return service.enroll(id, request, caller()).map(e -> Response.created(
                URI.create("/api/v1/incubators/" + id + "/enrollments/" + e.id)).entity(IncubatorMapper.toResponse(e)).build());
    }

    @GET
    @Path("/{id}/enrollments")
    @Operation(summary = "Organizations incubated here / 入孵组织")
    public Uni<List<IncubatorApi.EnrollmentResponse>> enrollments(@PathParam("id") UUID id) {
        return service.enrollments(id, caller()).map(list -> list.stream().map(IncubatorMapper::toResponse).toList());
    }

    @GET
    @Path("/{id}/enrollments/{enrollmentId}")
    @Operation(summary = "One enrollment / 入孵记录")
    public Uni<IncubatorApi.EnrollmentResponse> enrollment(@PathParam("id") UUID id, @PathParam("enrollmentId") UUID enrollmentId) {
        return service.enrollment(id, enrollmentId, caller()).map(IncubatorMapper::toResponse);
    }

    @GET
    @Path("/{id}/enrollments/{enrollmentId}/history")
    @Operation(summary = "History of an enrollment / 入孵记录变更")
    public Uni<List<StructureChangeResponse>> enrollmentHistory(@PathParam("id") UUID id, @PathParam("enrollmentId") UUID enrollmentId) {
        return service.enrollmentHistory(id, enrollmentId, caller())
                .map(list -> list.stream().map(StructureChangeMapper::toResponse).toList());
    }

    @POST
    @Path("/{id}/enrollments/{enrollmentId}/graduate")
    @Operation(summary = "The organization graduates / 出壳")
    public Uni<IncubatorApi.EnrollmentResponse> graduate(@PathParam("id") UUID id, @PathParam("enrollmentId") UUID enrollmentId,
                                                        @Valid @NotNull IncubatorApi.EndEnrollment request) {
        return service.endEnrollment(id, enrollmentId, Enrollment.Outcome.GRADUATED, request, caller())
                .map(IncubatorMapper::toResponse);
    }

    @POST
    @Path("/{id}/enrollments/{enrollmentId}/withdraw")
    @Operation(summary = "The organization withdraws / 退出孵化")
    public Uni<IncubatorApi.EnrollmentResponse> withdraw(@PathParam("id") UUID id, @PathParam("enrollmentId") UUID enrollmentId,
                                                        @Valid @NotNull IncubatorApi.EndEnrollment request) {
        return service.endEnrollment(id, enrollmentId, Enrollment.Outcome.WITHDRAWN, request, caller())
                .map(IncubatorMapper::toResponse);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
