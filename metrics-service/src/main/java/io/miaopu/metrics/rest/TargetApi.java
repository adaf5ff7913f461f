package io.miaopu.metrics.rest;

import io.miaopu.metrics.domain.Target;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The plan's targets as the bureau reads and revises them. */
public final class TargetApi {

    private TargetApi() {
    }

    @Schema(description = "A target of the plan (T1–T13) and the figures it is measured against.")
    public record TargetResponse(String id, Target.Kind kind, String nameZh, String nameEn,
                                 @Schema(description = "The figure to reach (a share from 0 to 1 for coverage targets)") BigDecimal threshold,
                                 @Schema(description = "Per urban community (tier targets)") BigDecimal urbanThreshold,
                                 @Schema(description = "Per rural community (tier targets)") BigDecimal ruralThreshold,
                                 String unit,
                                 @Schema(description = "The county-level units of a tier") List<String> counties,
                                 @Schema(description = "County-level units left out (T9: the pilot counties 峨边, 马边)") List<String> excluded,
                                 @Schema(description = "URBAN/RURAL (T1, T2), the category (T6, T7), the kinds of township-level unit counted (T8 STREET 街道; T9 TOWN,TOWNSHIP 镇、乡)") String category,
                                 Integer firstYear, int dueYear, long version, String updatedBy, OffsetDateTime updatedAt) {
    }

    @Schema(description = "A revision of a target's figures by the city bureau, with the reason. Only the figures that the "
            + "target's kind uses may be given; the kind and names stay.")
    public record Revision(BigDecimal threshold, BigDecimal urbanThreshold, BigDecimal ruralThreshold, List<String> counties,
                           List<String> excluded, Integer firstYear, Integer dueYear,
                           @Schema(required = true, description = "Why, 1–500 characters (the bureau's decision)") String reason) {
    }

    public record ChangeResponse(long version, Object before, Object after, String reason, String changedBy,
                                 OffsetDateTime changedAt) {
    }

    public static TargetResponse toResponse(Target t) {
        return new TargetResponse(t.id, t.kind, t.nameZh, t.nameEn, t.threshold, t.urbanThreshold, t.ruralThreshold, t.unit,
                t.countyList(), t.excludedList(), t.category, t.firstYear, t.dueYear, t.version, t.updatedBy, t.updatedAt);
    }
}
