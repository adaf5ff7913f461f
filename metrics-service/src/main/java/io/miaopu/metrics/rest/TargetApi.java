package io.miaopu.metrics.rest;

import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.domain.TargetOptions;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A plan's targets as the bureau reads, writes and revises them. */
public final class TargetApi {

    private TargetApi() {
    }

    @Schema(description = "A target of a plan and the figures it is measured against (the newest figures; a revision of an "
            + "ACTIVE plan applies from its fromYear, the years before keep the figures they had).")
    public record TargetResponse(@Schema(description = "The plan (规划) the target belongs to") String planId,
                                 @Schema(description = "Unique within the plan, e.g. T6") String id, Target.Kind kind,
                                 String nameZh, String nameEn,
                                 @Schema(description = "The figure to reach (a share from 0 to 1 for coverage targets)") BigDecimal threshold,
                                 @Schema(description = "Per urban community (tier targets)") BigDecimal urbanThreshold,
                                 @Schema(description = "Per rural community (tier targets)") BigDecimal ruralThreshold,
                                 String unit,
                                 @Schema(description = "The county-level units of a tier") List<String> counties,
                                 @Schema(description = "County-level units left out (T9: the pilot counties 峨边, 马边)") List<String> excluded,
                                 @Schema(description = "URBAN/RURAL (T1, T2), the category (T6, T7), the kinds of township-level unit counted (T8 STREET 街道; T9 TOWN,TOWNSHIP 镇、乡)") String category,
                                 Integer firstYear, int dueYear,
                                 @Schema(description = "Definitions the plan text leaves to the bureau: demonstrations NET or "
                                         + "CUMULATIVE (累计创建, T11); levels that must have an incubator (T12); coverageBy "
                                         + "TRAINEE_DIVISION or SESSION_LOCATION (T13). See docs/metrics.md.") TargetOptions options,
                                 long version, String updatedBy, OffsetDateTime updatedAt) {
    }

    public record ChangeResponse(long version, @Schema(description = "The first year the revision applies to (null: "
            + "recorded before plans, or an edit of a draft)") Integer fromYear, Object before, Object after, String reason,
                                 String changedBy, OffsetDateTime changedAt) {
    }

    public static TargetResponse toResponse(Target t) {
        return new TargetResponse(t.planId, t.id, t.kind, t.nameZh, t.nameEn, t.threshold, t.urbanThreshold, t.ruralThreshold,
                t.unit, t.countyList(), t.excludedList(), t.category, t.firstYear, t.dueYear, t.optionsOrDefault(), t.version,
                t.updatedBy, t.updatedAt);
    }
}
