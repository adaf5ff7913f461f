package io.miaopu.incubation.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.incubation.domain.VenueSupport;
import io.miaopu.incubation.mapping.StructureChangeMapper;
import io.miaopu.incubation.mapping.SupportMapper;
import io.miaopu.incubation.service.SupportService;
import io.miaopu.incubation.service.api.StructureChangeResponse;
import io.miaopu.incubation.service.api.SupportApi;
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

@Path("/api/v1/venue-supports")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "venue-supports", description = "Venue support (安家): venues that streets, townships and community service facilities provide to organizations, with floor area and period.")
public class VenueSupportResource {

    private final SupportService service;
    private final SecurityIdentity identity;

    public VenueSupportResource(SupportService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Grant venue support / 提供场地")
    public Uni<Response> create(@Valid @NotNull SupportApi.GrantVenue request) {
        return service.grantVenue(request, caller())
                .map(x -> ETags.created("/api/v1/venue-supports/" + x.id, SupportMapper.toResponse(x), x.version));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One record / 查询", description = "With its ETag (the version), to send back as If-Match.")
    public Uni<RestResponse<SupportApi.VenueSupportResponse>> get(@PathParam("id") UUID id) {
        return service.venue(id, caller()).map(VenueSupportResource::withETag);
    }

    @GET
    @Operation(summary = "Records in a division / 列表", description = "In the division and everything under it (default: your jurisdiction). Paged.")
    public Uni<Page<SupportApi.VenueSupportResponse>> list(
            @QueryParam("division") String division,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.venues(QueryParams.text(division), page, size, caller())
                .map(p -> p.map(SupportMapper::toResponse));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Correct a record / 更正", description = "If-Match with the ETag you read: 412 if it changed "
            + "since, 428 without. The body version is deprecated (accepted for one release: without If-Match, 409 if it "
            + "changed since).")
    public Uni<RestResponse<SupportApi.VenueSupportResponse>> correct(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull SupportApi.CorrectVenue request) {
        return service.correct(id, request, ifMatch, caller()).map(VenueSupportResource::withETag);
    }

    @POST
    @Path("/{id}/end")
    @Operation(summary = "End venue support / 结束场地支持")
    public Uni<RestResponse<SupportApi.VenueSupportResponse>> close(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull SupportApi.EndVenue request) {
        return service.endVenue(id, request, ifMatch, caller()).map(VenueSupportResource::withETag);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "History / 变更记录")
    public Uni<List<StructureChangeResponse>> history(@PathParam("id") UUID id) {
        return service.venueHistory(id, caller()).map(list -> list.stream().map(StructureChangeMapper::toResponse).toList());
    }

    private static RestResponse<SupportApi.VenueSupportResponse> withETag(VenueSupport x) {
        return ETags.ok(SupportMapper.toResponse(x), x.version);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
