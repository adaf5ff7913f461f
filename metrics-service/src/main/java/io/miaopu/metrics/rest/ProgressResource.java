package io.miaopu.metrics.rest;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.tabular.CsvText;
import io.miaopu.chassis.tabular.XlsxStream;
import io.miaopu.metrics.config.MetricsConfig;
import io.miaopu.metrics.service.ProgressService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@RolesAllowed({"city-admin", "county-officer", "township-clerk", "province-platform"})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "progress", description = "Progress against the plan's targets (专项行动目标进度), measured from metrics' own "
        + "projections of every service's events. An organization exists while its status is not DEREGISTERED (注销); a "
        + "per-community average is existing organizations located in a set of active communities ÷ the number of those "
        + "communities. Every figure carries asOf, the time of the newest event applied.")
public class ProgressResource {

    private static final String YEAR = "The year measured, within the plan's years and not after this year: figures at its end, "
            + "or to date in the current year. Default: this year (for a plan named whose years have ended: its last year).";
    private static final String PLAN = TargetResource.PLAN;

    private final ProgressService progress;
    private final SecurityIdentity identity;
    private final MetricsConfig config;

    public ProgressResource(ProgressService progress, SecurityIdentity identity, MetricsConfig config) {
        this.progress = progress;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @Path("/progress")
    @Operation(summary = "Every target's progress / 全部目标进度", description = "T1–T13 for the city, or for a division: the value, "
            + "the threshold, met or not, the gap (organizations, units or person-times still needed) and a forecast of whether "
            + "the current yearly pace meets it by the due year. T1/T2: existing organizations per urban/rural community; T3–T5: "
            + "each county-level unit of the tier against its urban and rural thresholds; T6/T7: registered or filed in the year "
            + "by category; T8/T9: township-level units of the kind with an active hub federation (T9 leaves out the pilot "
            + "counties 峨边 and 马边, reported beside it); T10: person-times net of reversals since the target's first year; T11: hub "
            + "demonstrations certified and not revoked; T12: an active incubator or platform at the province, the city and "
            + "every county-level unit; T13: township-level units with at least one person-time. Every authenticated role reads "
            + "the city; county officers and clerks ask for a division within their jurisdiction. (The data exchange reads the daily snapshot on its feed.)")
    public Uni<ProgressApi.Progress> all(@Parameter(description = YEAR) @QueryParam("year") String year,
                                         @Parameter(description = PLAN) @QueryParam("plan") String plan,
                                         @Parameter(description = "A division code (default: the plan's division, the city)")
                                         @QueryParam("division") String division) {
        return progress.progress(QueryParams.text(plan), year(year), QueryParams.text(division), Caller.of(identity))
                .map(m -> ProgressApi.of(m.answer()));
    }

    @GET
    @Path("/progress/yearly")
    @Operation(summary = "New organizations per year / 年度新增", description = "Organizations whose registeredOn (登记或备案日期) "
            + "falls in each year of T6/T7, by category, whatever their status since, against the yearly threshold.")
    public Uni<ProgressApi.Yearly> yearly(@Parameter(description = PLAN) @QueryParam("plan") String plan) {
        return progress.yearly(QueryParams.text(plan), Caller.of(identity)).map(m -> ProgressApi.of(m.answer()));
    }

    @GET
    @Path("/progress/counties")
    @Operation(summary = "Counties against their tier / 分县进度", description = "Per county-level unit (the 高新区 zone included): "
            + "its tier (T3–T5), its active urban and rural communities, the organizations existing in them (not DEREGISTERED, "
            + "registered or filed by the end of the year), the averages, the thresholds and the organizations still needed; "
            + "and the city as a whole against T1 and T2.")
    public Uni<ProgressApi.Counties> counties(@Parameter(description = YEAR) @QueryParam("year") String year,
                                              @Parameter(description = PLAN) @QueryParam("plan") String plan) {
        return progress.counties(QueryParams.text(plan), year(year), Caller.of(identity)).map(m -> ProgressApi.of(m.answer()));
    }

    @GET
    @Path("/progress/divisions/{code}")
    @Operation(summary = "Drill-down / 逐级下钻", description = "A division and each of its children down to the single community, "
            + "with active urban and rural communities, existing organizations, averages against the threshold that governs "
            + "them (the county's tier; T1/T2 for the city) and the organizations still needed; and the work list (补短板清单): "
            + "the communities below their tier's threshold, largest gap first. County officers and clerks within their "
            + "jurisdiction only (403 outside); an unknown division is 404.")
    public Uni<ProgressApi.Drilldown> drilldown(@PathParam("code") String code,
                                                @Parameter(description = YEAR) @QueryParam("year") String year,
                                                @Parameter(description = PLAN) @QueryParam("plan") String plan,
                                                @Parameter(description = "Most communities in the work list (1–1000, default 100)")
                                                @QueryParam("limit") String limit) {
        Integer asked = year(year);
        int size = limit(limit);
        return progress.drilldown(QueryParams.text(plan), asked, code, size, Caller.of(identity))
                .map(m -> ProgressApi.of(m.answer()));
    }

    @GET
    @Path("/reports/progress")
    @Produces({XlsxStream.MEDIA_TYPE, "text/csv"})
    @Operation(summary = "Progress report / 进度报表", description = "Every target for the city and the county table, as one sheet "
            + "for the bureau's reports: format=xlsx (default) or csv (UTF-8 with BOM, for Excel).")
    public Uni<Response> report(@Parameter(description = YEAR) @QueryParam("year") String year,
                                @Parameter(description = PLAN) @QueryParam("plan") String plan,
                                @Parameter(description = "xlsx or csv") @QueryParam("format") String format) {
        Integer asked = year(year);
        String chosen = Optional.ofNullable(QueryParams.text(format)).orElse("xlsx");
        if (!chosen.equals("xlsx") && !chosen.equals("csv")) {
            throw Inputs.invalid(ProblemType.VALIDATION, "format", "must be xlsx or csv", "须为 xlsx 或 csv");
        }
        return progress.report(QueryParams.text(plan), asked, Caller.of(identity)).map(report -> {
            List<List<?>> rows = ProgressReport.rows(report);
            String name = "miaopu-progress-" + report.plan().id + "-" + report.progress().year() + "." + chosen;
            byte[] body;
            if (chosen.equals("csv")) {
                StringBuilder csv = new StringBuilder(CsvText.BOM);
                rows.forEach(r -> csv.append(CsvText.line(r)));
                body = csv.toString().getBytes(StandardCharsets.UTF_8);
            } else {
                XlsxStream xlsx = new XlsxStream();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(xlsx.start("进度 " + report.progress().year(), stringList(rows.get(0))));
                out.writeBytes(xlsx.rows(rows.subList(1, rows.size())));
                out.writeBytes(xlsx.finish());
                body = out.toByteArray();
            }
            return Response.ok(body, chosen.equals("csv") ? CsvText.MEDIA_TYPE : XlsxStream.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
        });
    }

    private static List<String> stringList(List<?> cells) {
        List<String> strings = new ArrayList<>();
        cells.forEach(c -> strings.add(String.valueOf(c)));
        return strings;
    }

    /** A whole year, or null when not asked; the plan's years bound it (PlanLookup). */
    static Integer year(String year) {
        long asked = QueryParams.whole("year", year, 1, 9999, 0);
        return asked == 0 ? null : (int) asked;
    }

    private int limit(String limit) {
        return (int) QueryParams.whole("limit", limit, 1, config.workListMax(), 100);
    }
}
