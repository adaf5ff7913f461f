package io.miaopu.incubation.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.incubation.domain.HubDemonstration;
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

@Path("/api/v1/hub-demonstrations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "hub-demonstrations", description = "Hub-type demonstration organizations (枢纽型示范), certified by the city bureau (CITY) or a county (COUNTY); target T11. Only a current certification per organization.")
public class HubDemonstrationResource {

    private final SupportService service;
    private final SecurityIdentity identity;

    public HubDemonstrationResource(SupportService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Certify a demonstration / 认定枢纽型示范")
    public Uni<Response> create(@Valid @NotNull SupportApi.Certify request) {
        return service.certify(request, caller())
                .map(x -> ETags.created("/api/v1/hub-demonstrations/" + x.id, SupportMapper.toResponse(x), x.version));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One record / 查询", description = "With its ETag (the version), to send back as If-Match.")
    public Uni<RestResponse<SupportApi.HubDemonstrationResponse>> get(@PathParam("id") UUID id) {
        return service.demonstration(id, caller()).map(HubDemonstrationResource::withETag);
    }

    @GET
    @Operation(summary = "Records in a division / 列表", description = "In the division and everything under it (default: your jurisdiction). Paged.")
    public Uni<Page<SupportApi.HubDemonstrationResponse>> list(
            @QueryParam("division") String division,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.demonstrations(QueryParams.text(division), page, size, caller())
                .map(p -> p.map(SupportMapper::toResponse));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Correct a record / 更正", description = "If-Match with the ETag you read: 412 if it changed "
            + "since, 428 without. The body version is deprecated (accepted for one release: without If-Match, 409 if it "
            + "changed since).")
    public Uni<RestResponse<SupportApi.HubDemonstrationResponse>> correct(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull SupportApi.CorrectCertification request) {
        return service.correct(id, request, ifMatch, caller()).map(HubDemonstrationResource::withETag);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke a certification / 撤销认定")
    public Uni<RestResponse<SupportApi.HubDemonstrationResponse>> close(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull SupportApi.Revoke request) {
        return service.revoke(id, request, ifMatch, caller()).map(HubDemonstrationResource::withETag);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "History / 变更记录")
    public Uni<List<StructureChangeResponse>> history(@PathParam("id") UUID id) {
        return service.demonstrationHistory(id, caller()).map(list -> list.stream().map(StructureChangeMapper::toResponse).toList());
    }

    private static RestResponse<SupportApi.HubDemonstrationResponse> withETag(HubDemonstration x) {
        return ETags.ok(SupportMapper.toResponse(x), x.version);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
