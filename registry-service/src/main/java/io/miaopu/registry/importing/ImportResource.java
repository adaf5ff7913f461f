package io.miaopu.registry.importing;

import io.miaopu.chassis.events.SafeContext;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.tabular.Uploads;
import io.miaopu.registry.domain.ImportJob;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.common.annotation.Blocking;
import java.io.InputStream;
import io.miaopu.chassis.security.Caller;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/organizations")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "organization imports", description = "Bulk import (批量导入) of up to 100,000 organizations from CSV or JSON lines, "
        + "applied in the background: valid rows are registered or filed, invalid rows are reported with every reason, and no "
        + "row is ever half-written. Rows outside your jurisdiction are rejected.")
public class ImportResource {

    private final ImportService service;
    private final ImportWorker worker;
    private final SecurityIdentity identity;
    private final Vertx vertx;

    private final MemorySize maxBytes;

    public ImportResource(ImportService service, ImportWorker worker, SecurityIdentity identity, Vertx vertx,
                          io.miaopu.registry.config.RegistryConfig config) {
        this.maxBytes = config.imports().maxBytes();
        this.service = service;
        this.worker = worker;
        this.identity = identity;
        this.vertx = vertx;
    }

    @POST
    @Path("/imports")
    @Consumes({"text/csv", "application/x-ndjson", "application/jsonl", "application/json-lines", "application/jsonlines"})
    @Operation(summary = "Import organizations / 批量导入组织", description = "text/csv with a header row of the organization's "
            + "field names (leader as leaderName and leaderPhone; serviceAreas separated by ';'; booleans true/false or 是/否), "
            + "or application/x-ndjson with one organization per line as POST /organizations takes it. 202 with the job; follow "
            + "it at the Location. A file that cannot be read as a whole (no header, an unknown column, an unclosed quote, a "
            + "line longer than 65,536 characters, more than 100,000 rows) is a 400 and a body larger than 64 MiB "
            + "(miaopu.registry.imports.max-bytes) a 413, both at once, and nothing is written. Each row is checked by "
            + "exactly the rules of POST /organizations (the same reader and rules) and rejected with the same reasons.")
    @Blocking
    public Uni<Response> submit(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Caller caller = Caller.of(identity);
        ImportService.requireWriter(caller);
        ImportJob.Format format = ImportFormat.of(contentType);
        // On a worker thread (the method is blocking): the body goes to a temporary file, counted (413 past
        // the limit), then is read row by row (400 past 100,000 rows); only then the transaction, on a
        // Vert.x context of its own. Neither the event loop nor a database connection waits on the client.
        ImportService.Upload upload;
        java.nio.file.Path spooled = Uploads.spool(body, maxBytes.asLongValue());
        try {
            upload = service.read(format, spooled);
        } finally {
            Uploads.delete(spooled);
        }
        return SafeContext.run(vertx.getDelegate(), () -> service.submit(upload, caller))
                .eventually(upload::delete)
                .invoke(job -> worker.kick())
                .map(job -> Response.accepted(ImportApi.toResponse(job))
                        .location(URI.create("/api/v1/organizations/imports/" + job.id)).build());
    }

    @GET
    @Path("/imports/{jobId}")
    @Operation(summary = "An import's progress / 导入进度", description = "rowsDone of totalRows, applied and rejected so far, "
            + "and the outcome once COMPLETED. Visible to its submitter and the city bureau.")
    public Uni<ImportApi.JobResponse> get(@PathParam("jobId") UUID jobId) {
        return service.get(jobId, Caller.of(identity)).map(ImportApi::toResponse);
    }

    @GET
    @Path("/imports/{jobId}/errors")
    @Operation(summary = "Rejected rows / 未导入的行及原因", description = "Each rejected row's number and every reason, by row; paged.")
    public Uni<Page<ImportApi.RowError>> errors(@PathParam("jobId") UUID jobId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.errors(jobId, page, size, Caller.of(identity));
    }
}
