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

    @Schema(description = "A target added to a DRAFT plan. Only the figures its kind uses; years within the plan's.")
    public record NewTarget(@Schema(required = true, description = "Unique within the plan: a letter, then letters, digits, - or _ (at most 32)") String id,
                            @Schema(required = true) Target.Kind kind,
                            @Schema(required = true, description = "Chinese name, as the plan words it") String nameZh,
                            String nameEn,
                            @Schema(required = true, description = "What the value counts") String unit,
                            BigDecimal threshold, BigDecimal urbanThreshold, BigDecimal ruralThreshold, List<String> counties,
                            List<String> excluded, String category, Integer firstYear,
                            @Schema(description = "Default: the plan's last year") Integer dueYear, TargetOptions options) {
    }

    @Schema(description = "A change of a target's figures, with the reason. In a DRAFT plan it edits the target; in an ACTIVE "
            + "plan it is a revision that applies from fromYear (required) on, the years before keeping the figures they had. "
            + "Only the figures the target's kind uses may be given; the kind and names stay. A CLOSED plan cannot change.")
    public record Revision(BigDecimal threshold, BigDecimal urbanThreshold, BigDecimal ruralThreshold, List<String> counties,
                           List<String> excluded, String category, Integer firstYear, Integer dueYear, TargetOptions options,
                           @Schema(description = "ACTIVE plans: the first year the revision applies to, within the plan's "
                                   + "years and not before the target's previous revision's") Integer fromYear,
                           @Schema(required = true, description = "Why, 1–500 characters (the bureau's decision)") String reason) {
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
