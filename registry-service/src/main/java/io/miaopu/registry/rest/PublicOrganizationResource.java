package io.miaopu.registry.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.registry.repository.OrganizationFilter;
import io.miaopu.registry.service.OrganizationApi;
import io.miaopu.registry.service.PublicDisclosureService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/public/organizations")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "public disclosure", description = "Information disclosure (信息公开) for anyone, without a token: the name, credit "
        + "code, category, community, status and date of registration of organizations not deregistered. Never a leader, a "
        + "phone, a history or anyone's identity.")
public class PublicOrganizationResource {

    private final PublicDisclosureService service;

    public PublicOrganizationResource(PublicDisclosureService service) {
        this.service = service;
    }

    @GET
    @Operation(summary = "Find organizations / 社区社会组织公示查询", description = "division: any county, township or community "
            + "code; q: part of the name. Paged in name order (page from 0, size ≤ 100) through the first 1,000 matches: a page "
            + "beyond them is a 400 naming page (narrow with division or q); total counts up to 1,000 and more says whether "
            + "there are more.")
    public Uni<OrganizationApi.PublicPage> list(@QueryParam("division") String division, @QueryParam("q") String q,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        OrganizationFilter filter = new OrganizationFilter(null, null, null, null, null, null, null, OrganizationQuery.name(q), true);
        return service.list(QueryParams.text(division), filter, page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One organization / 组织公示信息")
    public Uni<OrganizationApi.PublicOrganization> get(@PathParam("id") UUID id) {
        return service.get(id);
    }
}
