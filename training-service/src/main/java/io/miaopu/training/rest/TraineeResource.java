package io.miaopu.training.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.training.domain.Trainee;
import io.miaopu.training.domain.Vocabulary.Role;
import io.miaopu.training.mapping.TrainingMapper;
import io.miaopu.training.service.TraineeService;
import io.miaopu.training.service.Training;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/trainees")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "trainees", description = "People trained (学员): civil-affairs assistants, community workers, child directors, "
        + "organization leaders, social workers, volunteers. One person is one trainee, found again by the mobile phone. "
        + "The phone is personal data: it is shown to officers of the trainee's jurisdiction only, never in events or logs.")
public class TraineeResource {

    private final TraineeService service;
    private final SecurityIdentity identity;

    public TraineeResource(TraineeService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Register a trainee / 登记学员", description = "201 for a new person; 200 with the existing trainee when "
            + "the phone is already registered under the same name; 409 when it belongs to someone else.")
    public Uni<Response> register(@NotNull Training.TraineeInput request) {
        return service.register(request, Caller.of(identity)).map(r -> (r.created()
                ? Response.created(URI.create("/api/v1/trainees/" + r.trainee().id)) : Response.ok())
                .tag(new EntityTag(String.valueOf(r.trainee().version))).entity(TrainingMapper.toResponse(r.trainee())).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One trainee / 查询学员", description = "With its ETag (version), for corrections.")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return service.get(id, Caller.of(identity)).map(TraineeResource::withETag);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Correct a trainee / 更正学员信息", description = "All the trainee's facts; If-Match with the ETag read "
            + "(428 without, 412 when changed since). Entries already in the ledger keep the role and division they counted for.")
    public Uni<Response> correct(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                 @NotNull Training.TraineeInput request) {
        return service.correct(id, request, ifMatch, Caller.of(identity)).map(TraineeResource::withETag);
    }

    @GET
    @Operation(summary = "Trainees / 学员列表", description = "Serving in the division or under it (default: your jurisdiction), "
            + "of a role, with q in the name; by name; paged.")
    public Uni<Page<Training.TraineeResponse>> list(
            @QueryParam("division") String division,
            @QueryParam("role") String role,
            @QueryParam("q") String q,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(QueryParams.text(division), QueryParams.enumValue(Role.class, "role", role), QueryParams.text(q),
                page, size, Caller.of(identity)).map(p -> p.map(TrainingMapper::toResponse));
    }

    private static Response withETag(Trainee t) {
        return Response.ok(TrainingMapper.toResponse(t)).tag(new EntityTag(String.valueOf(t.version))).build();
    }
}
