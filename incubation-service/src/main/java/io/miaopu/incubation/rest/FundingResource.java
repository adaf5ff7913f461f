package io.miaopu.incubation.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.incubation.domain.Funding;
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

@Path("/api/v1/fundings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fundings", description = "Funding of organizations in fen (分): government purchase of services (政府购买服务), venture philanthropy (公益创投), social support, work funds.")
public class FundingResource {

    private final SupportService service;
    private final SecurityIdentity identity;

    public FundingResource(SupportService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Record funding / 登记资助")
    public Uni<Response> create(@Valid @NotNull SupportApi.Grant request) {
        return service.grant(request, caller())
                .map(x -> ETags.created("/api/v1/fundings/" + x.id, SupportMapper.toResponse(x), x.version));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One record / 查询", description = "With its ETag (the version), to send back as If-Match.")
    public Uni<RestResponse<SupportApi.FundingResponse>> get(@PathParam("id") UUID id) {
        return service.funding(id, caller()).map(FundingResource::withETag);
    }

    @GET
    @Operation(summary = "Records in a division / 列表", description = "In the division and everything under it (default: your jurisdiction). Paged.")
    public Uni<Page<SupportApi.FundingResponse>> list(
            @QueryParam("division") String division,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.fundings(QueryParams.text(division), page, size, caller())
                .map(p -> p.map(SupportMapper::toResponse));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Correct a record / 更正", description = "If-Match with the ETag you read: 412 if it changed "
            + "since, 428 without. The body version is deprecated (accepted for one release: without If-Match, 409 if it "
            + "changed since).")
    public Uni<RestResponse<SupportApi.FundingResponse>> correct(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull SupportApi.CorrectFunding request) {
        return service.correct(id, request, ifMatch, caller()).map(FundingResource::withETag);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel funding / 取消资助")
    public Uni<RestResponse<SupportApi.FundingResponse>> close(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull SupportApi.Cancel request) {
        return service.cancel(id, request, ifMatch, caller()).map(FundingResource::withETag);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "History / 变更记录")
    public Uni<List<StructureChangeResponse>> history(@PathParam("id") UUID id) {
        return service.fundingHistory(id, caller()).map(list -> list.stream().map(StructureChangeMapper::toResponse).toList());
    }

    private static RestResponse<SupportApi.FundingResponse> withETag(Funding x) {
        return ETags.ok(SupportMapper.toResponse(x), x.version);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
