package io.miaopu.registry.rest;

import io.miaopu.chassis.tabular.CsvText;
import io.miaopu.chassis.tabular.XlsxStream;
import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.security.Caller;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.repository.OrganizationFilter;
import io.miaopu.registry.service.ExportService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

@Path("/api/v1/organizations")
@Authenticated
@Tag(name = "organizations")
public class ExportResource {

    static final List<String> HEADER = List.of("id", "name", "creditCode", "legalForm", "managementClass", "category",
            "subcategory", "serviceAreas", "communityCode", "registeredOn", "establishedOn", "leaderName", "leaderPhone",
            "memberCount", "hubType", "charterAdopted", "status", "statusReason", "version", "createdAt", "updatedAt");

    private final ExportService service;
    private final SecurityIdentity identity;

    public ExportResource(ExportService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Path("/export")
    @Operation(summary = "Export organizations / 导出组织台账", description = "The list's filters (division, category, "
            + "subcategory, managementClass, status, registeredFrom, registeredTo, q) as CSV (UTF-8 with BOM, opens in Excel) "
            + "or XLSX, streamed while it is read, by community. Includes the leader's contact (for officers; never public).")
    public RestMulti<byte[]> export(@QueryParam("format") String format, @BeanParam OrganizationQuery query) {
        boolean xlsx = xlsx(format);
        OrganizationFilter filter = query.filter();
        String file = "organizations-" + LocalDate.now() + (xlsx ? ".xlsx" : ".csv");
        return RestMulti.fromUniResponse(service.scope(query.division(), filter, Caller.of(identity)),
                scoped -> xlsx ? xlsxBody(service.batches(scoped)) : csvBody(service.batches(scoped)),
                scoped -> Map.of("Content-Type", List.of(xlsx ? XlsxStream.MEDIA_TYPE : CsvText.MEDIA_TYPE),
                        "Content-Disposition", List.of("attachment; filename=\"" + file + "\"")),
                scoped -> 200);
    }

    private static boolean xlsx(String format) {
        String f = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("xlsx")) {
            throw new ProblemException(ProblemType.VALIDATION, "Parameter format must be csv or xlsx.", "参数 format 须为 csv 或 xlsx。",
                    List.of(new Problem.FieldError("format", "must be csv or xlsx", "须为 csv 或 xlsx")));
        }
        return f.equals("xlsx");
    }

    private static Multi<byte[]> csvBody(Multi<List<Organization>> batches) {
        byte[] head = (CsvText.BOM + CsvText.line(HEADER)).getBytes(StandardCharsets.UTF_8);
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(head),
                batches.map(batch -> batch.stream().map(o -> CsvText.line(cells(o))).collect(Collectors.joining())
                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static Multi<byte[]> xlsxBody(Multi<List<Organization>> batches) {
        XlsxStream sheet = new XlsxStream();
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(() -> sheet.start("organizations", HEADER)),
                batches.map(batch -> sheet.rows(batch.stream().map(ExportResource::cells).toList())),
                Multi.createFrom().item(sheet::finish));
    }

    static List<Object> cells(Organization o) {
        List<Object> cells = new ArrayList<>(HEADER.size());
        cells.add(o.id);
        cells.add(o.name);
        cells.add(o.creditCode);
        cells.add(o.legalForm);
        cells.add(o.managementClass);
        cells.add(o.category);
        cells.add(o.subcategory);
        cells.add(o.serviceAreaList().stream().map(Enum::name).collect(Collectors.joining(";")));
        cells.add(o.communityCode);
        cells.add(o.registeredOn);
        cells.add(o.establishedOn);
        cells.add(o.leaderName);
        cells.add(o.leaderPhone);
        cells.add(o.memberCount);
        cells.add(o.hubType);
        cells.add(o.charterAdopted);
        cells.add(o.status);
        cells.add(o.statusReason);
        cells.add(o.version);
        cells.add(o.createdAt);
        cells.add(o.updatedAt);
        return cells;
    }
}
