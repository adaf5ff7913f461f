package io.miaopu.training.rest;

import io.miaopu.chassis.events.SafeContext;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.tabular.Uploads;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.Vertx;
import java.io.InputStream;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.training.domain.Vocabulary.Format;
import io.miaopu.training.mapping.TrainingMapper;
import io.miaopu.training.service.AttendanceService;
import io.miaopu.training.service.SessionService;
import io.miaopu.training.service.Training;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/training-sessions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "training sessions", description = "Training of backbone talent (骨干人才培训) and its attendance ledger: one trainee "
        + "at one session is one person-time (人次), the unit of target T10 (1,000 by 2025). Sessions are recorded once held, "
        + "within your jurisdiction (clerks their township, county officers their county, the city bureau everywhere; the "
        + "provincial platform reads). The ledger is append-only: a mistake is corrected by a reversal with a reason.")
public class SessionResource {

    private final SessionService sessions;
    private final AttendanceService attendances;
    private final SecurityIdentity identity;
    private final Vertx vertx;

    public SessionResource(SessionService sessions, AttendanceService attendances, SecurityIdentity identity, Vertx vertx) {
        this.vertx = vertx;
        this.sessions = sessions;
        this.attendances = attendances;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Record a training session / 登记培训", description = "Once held: heldOn not in the future. The organizing "
            + "division must be an active division within your jurisdiction.")
    public Uni<Response> record(@NotNull Training.SessionInput request) {
        return sessions.record(request, caller()).map(s -> Response.created(URI.create("/api/v1/training-sessions/" + s.id))
                .entity(TrainingMapper.toResponse(s, 0)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One training session / 查询培训", description = "With its person-times net of reversals.")
    public Uni<Training.SessionResponse> get(@PathParam("id") UUID id) {
        return sessions.get(id, caller()).chain(s -> sessions.personTimes(s.id).map(n -> TrainingMapper.toResponse(s, n)));
    }

    @GET
    @Operation(summary = "Training sessions / 培训列表", description = "Organized in the division or under it (default: your "
            + "jurisdiction), held from–to (inclusive), of a format; latest first; paged.")
    public Uni<Page<Training.SessionResponse>> list(
            @QueryParam("division") String division,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("format") String format,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return sessions.list(QueryParams.text(division), QueryParams.date("from", from), QueryParams.date("to", to),
                QueryParams.enumValue(Format.class, "format", format), page, size, caller());
    }

    @POST
    @Path("/{id}/attendances")
    @Operation(summary = "Record an attendance / 签到（一人次）", description = "One person-time. Recording a trainee already "
            + "recorded at this session changes nothing (200 with the standing entry); a new one is 201.")
    public Uni<Response> attend(@PathParam("id") UUID id, @NotNull Training.AttendanceInput request) {
        return attendances.record(id, request, caller()).map(recorded -> (recorded.created()
                ? Response.created(URI.create("/api/v1/training-sessions/" + id + "/attendances/" + recorded.entry().id))
                : Response.ok()).entity(TrainingMapper.toResponse(recorded.entry(), false)).build());
    }

    @GET
    @Path("/{id}/attendances")
    @Operation(summary = "The session's ledger / 签到台账", description = "Every entry in the order written, RECORDED and "
            + "REVERSED, each RECORDED one marked reversed or not; paged.")
    public Uni<Page<Training.EntryResponse>> entries(@PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return attendances.entries(id, page, size, caller());
    }

    @POST
    @Path("/{id}/attendances/{entryId}/reversals")
    @Operation(summary = "Reverse an attendance / 冲正", description = "Adds a REVERSED entry cancelling this one, with the reason; "
            + "nothing is changed or deleted. An attendance is reversed once.")
    public Uni<Response> reverse(@PathParam("id") UUID id, @PathParam("entryId") UUID entryId,
                                 @NotNull Training.ReversalInput request) {
        return attendances.reverse(id, entryId, request, caller()).map(e -> Response.created(
                URI.create("/api/v1/training-sessions/" + id + "/attendances/" + e.id)).entity(TrainingMapper.toResponse(e, false))
                .build());
    }

    @POST
    @Path("/{id}/attendances/uploads")
    @Consumes("text/csv")
    @Operation(summary = "Upload a sign-in sheet / 上传签到表", description = "CSV (UTF-8) with a header naming columns among name, "
            + "phone, role, divisionCode (required) and organizationId; at most 2,000 rows. Each good row registers its trainee if "
            + "new (found again by phone) and records one person-time unless already recorded; each bad row is reported with "
            + "every reason and the good ones are applied. A sheet that cannot be read as a whole is refused with nothing written "
            + "(400; more than 2,000 rows a 400, more than 2 MiB a 413). While another sheet is being applied this one waits "
            + "a few seconds without holding anything, then answers 503 (busy, Retry-After) with nothing written.")
    @Blocking
    public Uni<Training.UploadReport> upload(@PathParam("id") UUID id, InputStream body) {
        Caller caller = caller();
        // Whose session it is first (404/403 before anything about the sheet), without a lock.
        SafeContext.run(vertx, () -> sessions.requireWritable(id, caller)).await().atMost(java.time.Duration.ofMinutes(1));
        // On a worker thread (the method is blocking): the body spooled to a file and counted (413 past the
        // limit), then read row by row (400 past 2,000 rows), before any transaction or lock is taken; only
        // then the sheet is applied, on a Vert.x context of its own.
        java.nio.file.Path spooled = Uploads.spool(body, AttendanceService.MAX_UPLOAD_BYTES);
        AttendanceService.ReadSheet sheet;
        try (java.io.Reader text = Uploads.text(spooled)) {
            sheet = AttendanceService.readSheet(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            Uploads.delete(spooled);
        }
        return SafeContext.run(vertx, () -> attendances.upload(id, sheet, caller));
    }

    private Caller caller() {
        return Caller.of(identity);
    }
}
