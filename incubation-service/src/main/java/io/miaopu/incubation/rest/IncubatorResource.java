package io.miaopu.incubation.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.incubation.domain.Enrollment;
import io.miaopu.incubation.domain.Incubator;
import io.miaopu.incubation.mapping.IncubatorMapper;
import io.miaopu.incubation.mapping.StructureChangeMapper;
import io.miaopu.incubation.service.IncubatorService;
import io.miaopu.incubation.service.api.IncubatorApi;
import io.miaopu.incubation.service.api.StructureChangeResponse;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

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
        return service.open(request, caller())
                .map(i -> ETags.created("/api/v1/incubators/" + i.id, IncubatorMapper.toResponse(i), i.version));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One incubator / 查询孵化平台", description = "With its ETag (the version), to send back as If-Match.")
    public Uni<RestResponse<IncubatorApi.IncubatorResponse>> get(@PathParam("id") UUID id) {
        return service.get(id, caller()).map(IncubatorResource::withETag);
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
    @Operation(summary = "Correct an incubator / 更正孵化平台信息", description = "If-Match with the ETag you read: 412 if it "
            + "changed since, 428 without. The body version is deprecated (accepted for one release: without If-Match, "
            + "409 if it changed).")
    public Uni<RestResponse<IncubatorApi.IncubatorResponse>> update(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull IncubatorApi.Update request) {
        return service.update(id, request, ifMatch, caller()).map(IncubatorResource::withETag);
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Close an incubator / 关闭孵化平台", description = "Only once no organization is incubated there.")
    public Uni<RestResponse<IncubatorApi.IncubatorResponse>> close(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull IncubatorApi.Close request) {
        return service.close(id, request, ifMatch, caller()).map(IncubatorResource::withETag);
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
        return service.enroll(id, request, caller()).map(e -> ETags.created("/api/v1/incubators/" + id + "/enrollments/" + e.id,
                IncubatorMapper.toResponse(e), e.version));
    }

    @GET
    @Path("/{id}/enrollments")
    @Operation(summary = "Organizations incubated here / 入孵组织")
    public Uni<List<IncubatorApi.EnrollmentResponse>> enrollments(@PathParam("id") UUID id) {
        return service.enrollments(id, caller()).map(list -> list.stream().map(IncubatorMapper::toResponse).toList());
    }

    @GET
    @Path("/{id}/enrollments/{enrollmentId}")
    @Operation(summary = "One enrollment / 入孵记录", description = "With its ETag (the version), to send back as If-Match.")
    public Uni<RestResponse<IncubatorApi.EnrollmentResponse>> enrollment(@PathParam("id") UUID id,
                                                                       @PathParam("enrollmentId") UUID enrollmentId) {
        return service.enrollment(id, enrollmentId, caller()).map(IncubatorResource::withETag);
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
    public Uni<RestResponse<IncubatorApi.EnrollmentResponse>> graduate(
            @PathParam("id") UUID id,
            @PathParam("enrollmentId") UUID enrollmentId,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull IncubatorApi.EndEnrollment request) {
        return service.endEnrollment(id, enrollmentId, Enrollment.Outcome.GRADUATED, request, ifMatch, caller())
                .map(IncubatorResource::withETag);
    }

    @POST
    @Path("/{id}/enrollments/{enrollmentId}/withdraw")
    @Operation(summary = "The organization withdraws / 退出孵化")
    public Uni<RestResponse<IncubatorApi.EnrollmentResponse>> withdraw(
            @PathParam("id") UUID id,
            @PathParam("enrollmentId") UUID enrollmentId,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull IncubatorApi.EndEnrollment request) {
        return service.endEnrollment(id, enrollmentId, Enrollment.Outcome.WITHDRAWN, request, ifMatch, caller())
                .map(IncubatorResource::withETag);
    }

    private static RestResponse<IncubatorApi.IncubatorResponse> withETag(Incubator i) {
        return ETags.ok(IncubatorMapper.toResponse(i), i.version);
    }

    private static RestResponse<IncubatorApi.EnrollmentResponse> withETag(Enrollment e) {
        return ETags.ok(IncubatorMapper.toResponse(e), e.version);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
