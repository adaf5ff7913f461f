package io.miaopu.metrics.service;

import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.domain.TargetOptions;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the bureau asks of {@link PlanService}: a new plan, a new target, a target's revision (the request bodies). */
public final class PlanInputs {

    private PlanInputs() {
    }

    @Schema(description = "A new DRAFT plan, optionally with the targets of another plan copied, their years shifted by the "
            + "difference of the first years.")
    public record NewPlan(@Schema(required = true, description = "Lower-case letters, digits and -, 3–64 characters, e.g. leshan-2026-2030") String id,
                          @Schema(required = true, description = "Chinese name, e.g. 乐山市…（2026—2030年）") String nameZh,
                          String nameEn,
                          @Schema(description = "The issuing division; default the city") String divisionCode,
                          @Schema(required = true) Integer firstYear,
                          @Schema(required = true) Integer lastYear,
                          @Schema(description = "A plan whose targets to copy") String copyFrom) {
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
}
