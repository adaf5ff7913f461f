package io.miaopu.training.rest;

import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.training.mapping.TrainingMapper;
import io.miaopu.training.service.ExamService;
import io.miaopu.training.service.Training;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "social-worker exam", description = "Support for the national social-worker qualification exam "
        + "(全国社会工作者职业资格考试帮扶: 考试教材、考前培训、考试费用) and its results, recorded within the jurisdiction of "
        + "the division the trainee serves.")
public class ExamResource {

    private final ExamService service;
    private final SecurityIdentity identity;

    public ExamResource(ExamService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Path("/exam-supports")
    @Operation(summary = "Grant exam support / 登记考试帮扶", description = "Amount in fen (分), more than 0; grantedOn not in the future.")
    public Uni<Response> grant(@NotNull Training.ExamSupportInput request) {
        return service.grant(request, Caller.of(identity)).map(s -> Response.created(URI.create("/api/v1/exam-supports/" + s.id))
                .entity(TrainingMapper.toResponse(s)).build());
    }

    @GET
    @Path("/exam-supports")
    @Operation(summary = "Exam support granted / 考试帮扶台账", description = "To trainees serving in the division or under it "
            + "(default: your jurisdiction), or to one trainee; latest first; paged.")
    public Uni<Page<Training.ExamSupportResponse>> supports(@QueryParam("division") String division,
            @QueryParam("traineeId") UUID traineeId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.supports(QueryParams.text(division), traineeId, page, size, Caller.of(identity))
                .map(p -> p.map(TrainingMapper::toResponse));
    }

    @POST
    @Path("/exam-results")
    @Operation(summary = "Record an exam result / 登记考试结果", description = "One result per trainee, year and level.")
    public Uni<Response> recordResult(@NotNull Training.ExamResultInput request) {
        return service.recordResult(request, Caller.of(identity)).map(r -> Response.created(
                URI.create("/api/v1/exam-results/" + r.id)).entity(TrainingMapper.toResponse(r)).build());
    }

    @GET
    @Path("/exam-results")
    @Operation(summary = "Exam results / 考试结果", description = "Of trainees serving in the division or under it (default: your "
            + "jurisdiction), or of one trainee; latest year first; paged.")
    public Uni<Page<Training.ExamResultResponse>> results(@QueryParam("division") String division,
            @QueryParam("traineeId") UUID traineeId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.results(QueryParams.text(division), traineeId, page, size, Caller.of(identity))
                .map(p -> p.map(TrainingMapper::toResponse));
    }
}
