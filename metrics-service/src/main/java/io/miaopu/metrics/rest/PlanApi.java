package io.miaopu.metrics.rest;

import io.miaopu.metrics.domain.Plan;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Plans (规划) as the bureau writes and reads them. */
public final class PlanApi {

    private PlanApi() {
    }

    @Schema(description = "A plan of a division: its years, its status (DRAFT → ACTIVE → CLOSED) and, under "
            + "/plans/{id}/targets, its targets.")
    public record PlanResponse(@Schema(description = "e.g. leshan-2021-2025") String id, String nameZh, String nameEn,
                               @Schema(description = "The issuing division (the city 5111 today)") String divisionCode,
                               int firstYear, int lastYear, Plan.Status status,
                               @Schema(description = "The plan whose targets were copied") String copiedFrom, long version,
                               String createdBy, OffsetDateTime createdAt, String updatedBy, OffsetDateTime updatedAt) {
    }

    public static PlanResponse toResponse(Plan p) {
        return new PlanResponse(p.id, p.nameZh, p.nameEn, p.divisionCode, p.firstYear, p.lastYear, p.status, p.copiedFrom,
                p.version, p.createdBy, p.createdAt, p.updatedBy, p.updatedAt);
    }
}
