package io.miaopu.metrics.rest;

import io.miaopu.chassis.security.Caller;
import io.miaopu.metrics.service.TargetService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@RolesAllowed({"city-admin", "county-officer", "township-clerk", "province-platform"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets", description = "The plan's targets (T1–T13 of 乐山市培育发展社区社会组织专项行动) as data, "
        + "revised by the city bureau with a reason and a history.")
public class TargetResource {

    private final TargetService targets;
    private final SecurityIdentity identity;

    public TargetResource(TargetService targets, SecurityIdentity identity) {
        this.targets = targets;
        this.identity = identity;
    }

    @GET
    @Path("/targets")
    @Operation(summary = "The plan's targets / 规划目标", description = "T1–T13 with their figures (thresholds, tiers, years).")
    public Uni<List<TargetApi.TargetResponse>> list() {
        return targets.list().map(all -> all.stream().map(TargetApi::toResponse).toList());
    }

    @GET
    @Path("/targets/{id}")
    @Operation(summary = "One target / 单个目标", description = "With its ETag (version) for a revision.")
    public Uni<Response> get(@PathParam("id") String id) {
        return targets.get(id).map(t -> Response.ok(TargetApi.toResponse(t)).tag(new EntityTag(String.valueOf(t.version))).build());
    }

    @PUT
    @Path("/targets/{id}")
    @Operation(summary = "Revise a target / 修订目标（市民政局）", description = "City bureau only. Only the figures the target's "
            + "kind uses; shares from 0 to 1; tier counties active county-level units in no other tier; years 2021–2035; a "
            + "reason. If-Match with the ETag read (428 without, 412 stale). Every revision is kept.")
    public Uni<Response> revise(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                @NotNull TargetApi.Revision request) {
        return targets.revise(id, request, ifMatch, Caller.of(identity))
                .map(t -> Response.ok(TargetApi.toResponse(t)).tag(new EntityTag(String.valueOf(t.version))).build());
    }

    @GET
    @Path("/targets/{id}/history")
    @Operation(summary = "Revisions of a target / 目标修订记录")
    public Uni<List<TargetApi.ChangeResponse>> history(@PathParam("id") String id) {
        return targets.history(id).map(list -> list.stream().map(c -> new TargetApi.ChangeResponse(c.version,
                raw(c.before), raw(c.after), c.reason, c.changedBy, c.changedAt)).toList());
    }

    private static com.fasterxml.jackson.databind.JsonNode raw(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
