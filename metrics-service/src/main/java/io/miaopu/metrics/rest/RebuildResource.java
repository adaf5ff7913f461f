package io.miaopu.metrics.rest;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.security.Caller;
import io.miaopu.metrics.rebuild.ProjectionRebuild;
import io.miaopu.metrics.rebuild.RebuildRecord;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/projections/rebuilds")
@RolesAllowed("city-admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "operations", description = "Rebuilding the statistics from the events (重建统计投影), for the city bureau's administrator.")
public class RebuildResource {

    public record Rebuild(UUID id, String status, String requestedBy, OffsetDateTime requestedAt, OffsetDateTime finishedAt,
                          long events, String error) {
    }

    private final ProjectionRebuild rebuild;
    private final SecurityIdentity identity;

    public RebuildResource(ProjectionRebuild rebuild, SecurityIdentity identity) {
        this.rebuild = rebuild;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Rebuild the projections / 重建统计投影", description = "Replays the registry, incubation and training topics "
            + "from the beginning into fresh projections and swaps them in; the figures keep answering from the current "
            + "projections meanwhile. 202 with the rebuild to follow; 409 while one runs.")
    public Uni<Response> start() {
        return rebuild.start(Caller.of(identity).actor()).map(r -> Response.accepted(view(r))
                .location(URI.create("/api/v1/admin/projections/rebuilds/" + r.id)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A rebuild's state / 重建进度", description = "RUNNING, COMPLETED (with the number of events replayed) or FAILED.")
    public Uni<Rebuild> get(@PathParam("id") String id) {
        UUID parsed;
        try {
            parsed = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No rebuild " + id + ".", "重建记录不存在。");
        }
        return rebuild.find(parsed).map(RebuildResource::view);
    }

    private static Rebuild view(RebuildRecord r) {
        return new Rebuild(r.id, r.status, r.requestedBy, r.requestedAt, r.finishedAt, r.events, r.error);
    }
}
