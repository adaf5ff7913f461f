package io.miaopu.incubation.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.incubation.domain.Federation;
import io.miaopu.incubation.mapping.FederationMapper;
import io.miaopu.incubation.mapping.StructureChangeMapper;
import io.miaopu.incubation.service.FederationService;
import io.miaopu.incubation.service.api.FederationApi;
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

@Path("/api/v1/federations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "federations", description = "Hub-type federations of community social organizations (枢纽型社区社会组织联合会): "
        + "one active per street or township, the measure of targets T8 (every urban street) and T9 (75 % of townships). "
        + "Township clerks manage their own township's, county officers their county's, the city bureau all; "
        + "the provincial platform reads.")
public class FederationResource {

    private final FederationService service;
    private final SecurityIdentity identity;

    public FederationResource(FederationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Establish a federation / 成立联合会", description = "In a township-level unit that has no active "
            + "federation; the organization must be known to the registry and not deregistered (else 422).")
    public Uni<Response> establish(@Valid @NotNull FederationApi.Establish request) {
        return service.establish(request, caller())
                .map(f -> ETags.created("/api/v1/federations/" + f.id, FederationMapper.toResponse(f), f.version));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One federation / 查询联合会", description = "With its ETag (the version), to send back as If-Match.")
    public Uni<RestResponse<FederationApi.FederationResponse>> get(@PathParam("id") UUID id) {
        return service.get(id, caller()).map(FederationResource::withETag);
    }

    @GET
    @Operation(summary = "Federations in a division / 联合会列表", description = "In the division and everything under it "
            + "(default: your whole jurisdiction); active=true for those not dissolved. Paged.")
    public Uni<Page<FederationApi.FederationResponse>> list(
            @Parameter(description = "Division code, e.g. 511102 for 市中区") @QueryParam("division") String division,
            @QueryParam("active") String active,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(QueryParams.text(division), QueryParams.booleanValue("active", active), page, size, caller())
                .map(p -> p.map(FederationMapper::toResponse));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Correct a federation / 更正联合会信息", description = "If-Match with the ETag you read: 412 if it "
            + "changed since, 428 without. The body version is deprecated (accepted for one release: without If-Match, "
            + "409 if it changed since).")
    public Uni<RestResponse<FederationApi.FederationResponse>> update(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull FederationApi.Update request) {
        return service.update(id, request, ifMatch, caller()).map(FederationResource::withETag);
    }

    @POST
    @Path("/{id}/dissolve")
    @Operation(summary = "Dissolve a federation / 撤销联合会")
    public Uni<RestResponse<FederationApi.FederationResponse>> dissolve(
            @PathParam("id") UUID id,
            @Parameter(description = ETags.IF_MATCH_OPTIONAL) @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull FederationApi.Dissolve request) {
        return service.dissolve(id, request, ifMatch, caller()).map(FederationResource::withETag);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "History of a federation / 联合会变更记录")
    public Uni<List<StructureChangeResponse>> history(@PathParam("id") UUID id) {
        return service.history(id, caller()).map(list -> list.stream().map(StructureChangeMapper::toResponse).toList());
    }

    private static RestResponse<FederationApi.FederationResponse> withETag(Federation f) {
        return ETags.ok(FederationMapper.toResponse(f), f.version);
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
