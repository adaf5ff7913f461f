package io.miaopu.incubation.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.domain.DivisionKind;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.mapping.DivisionMapper;
import io.miaopu.incubation.service.DivisionService;
import io.miaopu.incubation.service.api.DivisionChangeResponse;
import io.miaopu.incubation.service.api.DivisionRequests;
import io.miaopu.incubation.service.api.DivisionResponse;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/divisions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "divisions", description = "The five-level hierarchy (五级联动孵化体系): 四川省 → 乐山市 → 县(市、区) and 乐山高新区 "
        + "→ 乡镇(街道) → 村(社区), with the 2023 statistical division codes. Readable by every authenticated caller; "
        + "changed only by the city bureau (city-admin).")
public class DivisionResource {

    private final DivisionService service;
    private final SecurityIdentity identity;

    public DivisionResource(DivisionService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One division / 查询辖区", description = "With its ETag (the revision), to send back as If-Match.")
    public Uni<RestResponse<DivisionResponse>> get(@PathParam("code") String code) {
        return service.get(code).map(DivisionResource::withETag);
    }

    @GET
    @Path("/{code}/children")
    @Operation(summary = "Divisions directly under it / 下级辖区",
            description = "For 乐山高新区: the townships and communities the city assigned to it.")
    public Uni<List<DivisionResponse>> children(@PathParam("code") String code) {
        return service.children(code).map(list -> list.stream().map(DivisionMapper::toResponse).toList());
    }

    @GET
    @Path("/{code}/ancestors")
    @Operation(summary = "Divisions above it, nearest first / 上级辖区")
    public Uni<List<DivisionResponse>> ancestors(@PathParam("code") String code) {
        return service.ancestors(code).map(list -> list.stream().map(DivisionMapper::toResponse).toList());
    }

    @GET
    @Path("/{code}/history")
    // Names the city bureau's staff who changed the hierarchy: for the staff roles, not the data exchange,
    // which reads the divisions themselves (docs/data-exchange.md) and gets a 403 here.
    @RolesAllowed({"city-admin", "county-officer", "township-clerk", "province-platform"})
    @Operation(summary = "History of the division / 辖区沿革", description = "Every change: seeded, created, renamed, "
            + "retired, reassigned; with the day it took effect (effectiveOn; none for the seeded state: since always), "
            + "the state before and after, the reason, who (changedBy) and when. For city-admin, county-officer, "
            + "township-clerk and province-platform; the exchange-reader reads divisions, not their history (403).")
    public Uni<List<DivisionChangeResponse>> history(@PathParam("code") String code) {
        return service.history(code);
    }

    @GET
    @Operation(summary = "Search divisions / 检索辖区", description = "Filters combine; q matches part of the name. Paged, by code.")
    public Uni<Page<DivisionResponse>> search(
            @Parameter(description = "PROVINCE, CITY, COUNTY, TOWNSHIP or VILLAGE") @QueryParam("level") String level,
            @Parameter(description = "Parent division code") @QueryParam("parent") String parent,
            @Parameter(description = "e.g. STREET, TOWN, TOWNSHIP, URBAN_COMMUNITY, RURAL_COMMUNITY") @QueryParam("kind") String kind,
            @Parameter(description = "Part of the name, e.g. 大佛") @QueryParam("q") String q,
            @Parameter(description = "true: only active; false: only retired") @QueryParam("active") String active,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.search(QueryParams.enumValue(DivisionLevel.class, "level", level), QueryParams.text(parent),
                        QueryParams.enumValue(DivisionKind.class, "kind", kind), QueryParams.text(q), QueryParams.booleanValue("active", active), page, size)
                .map(p -> p.map(DivisionMapper::toResponse));
    }

    @POST
    @RolesAllowed("city-admin")
    @Operation(summary = "Add a division / 新增辖区 (city-admin)", description = "A new township or community from a new "
            + "statistical code, or a new functional zone (a project code with letters). Published to every service. "
            + "effectiveOn: the day it was set up (default today).")
    public Uni<Response> create(@Valid @NotNull DivisionRequests.NewDivision request) {
        return service.create(request, caller())
                .map(d -> ETags.created("/api/v1/divisions/" + d.code, DivisionMapper.toResponse(d), d.revision));
    }

    @POST
    @Path("/{code}/rename")
    @RolesAllowed("city-admin")
    @Operation(summary = "Rename / 更名 (city-admin)", description = "effectiveOn: the day the new name took effect "
            + "(default today; not before the division's previous change took effect).")
    public Uni<RestResponse<DivisionResponse>> rename(
            @PathParam("code") String code,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull DivisionRequests.Rename request) {
        return service.rename(code, request, ifMatch, caller()).map(DivisionResource::withETag);
    }

    @POST
    @Path("/{code}/retire")
    @RolesAllowed("city-admin")
    @Operation(summary = "Retire / 撤销 (city-admin)", description = "Only a division with no active divisions under it. "
            + "effectiveOn: the day it ceased to exist (default today); figures of earlier days still count it.")
    public Uni<RestResponse<DivisionResponse>> retire(
            @PathParam("code") String code,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull DivisionRequests.Retire request) {
        return service.retire(code, request, ifMatch, caller()).map(DivisionResource::withETag);
    }

    @POST
    @Path("/{code}/reassign")
    @RolesAllowed("city-admin")
    @Operation(summary = "Reassign / 调整隶属 (city-admin)", description = "Move a township to another county-level unit "
            + "(for example into 乐山高新区, code 5111GX), or a community to another township (for example on a merger). "
            + "effectiveOn: the day it took effect (default today); figures of earlier days count it under its former parent.")
    public Uni<RestResponse<DivisionResponse>> reassign(
            @PathParam("code") String code,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull DivisionRequests.Reassign request) {
        return service.reassign(code, request, ifMatch, caller()).map(DivisionResource::withETag);
    }

    private static RestResponse<DivisionResponse> withETag(Division d) {
        return ETags.ok(DivisionMapper.toResponse(d), d.revision);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
