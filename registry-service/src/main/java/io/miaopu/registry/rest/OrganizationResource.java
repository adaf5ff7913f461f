package io.miaopu.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.domain.ServiceArea;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.miaopu.registry.service.OrganizationApi;
import io.miaopu.registry.service.OrganizationService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organizations", description = "Community social organizations (社区社会组织): registration (登记) and filing (备案), "
        + "corrections, status (活动异常, 暂停, 注销) and their history. Township clerks work in their township, county officers "
        + "in their county, the city bureau everywhere; the provincial platform reads everything and synchronises registered "
        + "organizations by credit code. Reading outside your jurisdiction answers 404; writing there 403.")
public class OrganizationResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    private final OrganizationService service;
    private final SecurityIdentity identity;

    public OrganizationResource(OrganizationService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Register or file an organization / 登记或备案社区社会组织", description = "REGISTERED organizations "
            + "(依法登记) need a credit code and a legal form; TOWNSHIP_MANAGED and COMMUNITY_GUIDED ones are filed (备案). "
            + "Send an Idempotency-Key to retry safely: a retry returns the first answer and creates nothing.")
    public Uni<Response> create(
            @Parameter(description = "Any unique string of yours (for example a UUID); its first answer is kept 30 days (miaopu.registry.idempotency-retention)") @HeaderParam("Idempotency-Key")
            String idempotencyKey,
            @NotNull OrganizationApi.Input request) {
        return service.create(request, idempotencyKey, caller()).map(written -> {
            Response.ResponseBuilder response = Response.created(URI.create("/api/v1/organizations/" + written.organization().id()))
                    .tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(written.organization().version())))
                    .entity(written.organization());
            if (written.replayed()) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One organization / 查询组织", description = "With its ETag (the version), to send back as If-Match.")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id, caller()).map(OrganizationResource::withETag);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Correct an organization / 变更组织信息", description = "A JSON merge patch (RFC 7396) of the recorded "
            + "facts; null removes an optional one. If-Match with the ETag you read is required: 412 when someone changed it "
            + "since, 428 without. The result must meet every rule a registration meets; the status changes only through "
            + "status-changes.")
    public Uni<Response> update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull ObjectNode patch) {
        return service.update(id, patch, ifMatch, caller()).map(OrganizationResource::withETag);
    }

    @POST
    @Path("/{id}/status-changes")
    @Operation(summary = "Change the status / 状态变更", description = "With a reason. ACTIVE ↔ ABNORMAL (活动异常); ACTIVE or "
            + "ABNORMAL → SUSPENDED → ACTIVE; any → DEREGISTERED (注销, final). effectiveOn is the day it took effect "
            + "(default today, China Standard Time; not in the future, not before registeredOn). To correct a wrong day, "
            + "give the same status again with the right effectiveOn and a reason. If-Match is optional here.")
    public Uni<Response> changeStatus(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                      @NotNull OrganizationApi.StatusChange request) {
        return service.changeStatus(id, request, ifMatch, caller()).map(OrganizationResource::withETag);
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "History / 变更记录", description = "Every change: version, who, when, the fields it touched, the state "
            + "before and after, and why.")
    public Uni<List<OrganizationApi.HistoryEntry>> history(@PathParam("id") UUID id) {
        return service.history(id, caller());
    }

    @GET
    @Operation(summary = "Search organizations / 组织列表", description = "division: a county, township or community code (any "
            + "ancestor; default your jurisdiction); q: part of the name (Chinese included); registeredFrom/To: dates of "
            + "registration or filing, inclusive; sort: name, registeredOn, createdAt, updatedAt or communityCode, '-' for "
            + "descending. Paged: page from 0, size ≤ 500; the answer carries the total.")
    public Uni<Page<OrganizationApi.OrganizationResponse>> list(
            @BeanParam OrganizationQuery query,
            @QueryParam("sort") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(query.division(), query.filter(), sort, page, size, caller())
                .map(p -> p.map(OrganizationMapper::toResponse));
    }

    @PUT
    @Path("/by-credit-code/{creditCode}")
    @Operation(summary = "Synchronise a registered organization / 按统一社会信用代码同步", description = "The provincial "
            + "platform's idempotent upsert: creates the organization when no organization not deregistered holds the code "
            + "(201), else brings it to these facts (200; unchanged when equal). Registered organizations only.")
    public Uni<Response> upsert(@PathParam("creditCode") String creditCode, @HeaderParam("If-Match") String ifMatch,
                                @NotNull OrganizationApi.Input request) {
        return service.upsertByCreditCode(creditCode.strip(), request, ifMatch, caller()).map(written -> {
            Response.ResponseBuilder response = written.created()
                    ? Response.created(URI.create("/api/v1/organizations/" + written.organization().id()))
                    : Response.ok();
            return response.tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(written.organization().version())))
                    .entity(written.organization()).build();
        });
    }

    @GET
    @Path("/service-areas")
    @Operation(summary = "Service areas / 服务领域代码表", description = "The codes of serviceAreas, from the plan's lists, under "
            + "their subcategory and category.")
    public List<OrganizationApi.ServiceAreaEntry> serviceAreas() {
        return Arrays.stream(ServiceArea.values()).map(a -> new OrganizationApi.ServiceAreaEntry(a, a.subcategory(),
                a.subcategory().category(), a.nameZh(), a.nameEn())).toList();
    }

    static Response withETag(Organization o) {
        return Response.ok(OrganizationMapper.toResponse(o)).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(o.version))).build();
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
