package io.miaopu.registry.service;

import io.miaopu.registry.domain.Records.BeneficiaryGroup;
import io.miaopu.registry.domain.Records.Evaluator;
import io.miaopu.registry.domain.Records.MajorActivityKind;
import io.miaopu.registry.domain.Records.Rating;
import io.miaopu.registry.domain.Records.Theme;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What organizations do and report (作用发挥, 规范管理), as recorded under /organizations/{id}/: the
 * record use cases' inputs and answers, owned by the service; {@code rest/} carries them as they are.
 */
public final class RecordApi {

    private RecordApi() {
    }

    @Schema(description = "People of one of the plan's groups reached by an activity.")
    public record Beneficiaries(
            @Schema(required = true, description = "低保对象 LOW_INCOME, 特困人员 EXTREMELY_POOR, 空巢老人 EMPTY_NEST_ELDERLY, "
                    + "农村留守人员 RURAL_LEFT_BEHIND, 困境儿童 CHILDREN_IN_DIFFICULTY, 残疾人 DISABLED, "
                    + "进城务工人员及随迁子女 MIGRANT_WORKERS_AND_CHILDREN") BeneficiaryGroup group,
            @Schema(required = true, description = "How many, from 1 to 1,000,000", maximum = "1000000") Integer count) {
    }

    /** The most people of one group one activity can reach: more than the city's population of most groups. */
    public static final int MAX_BENEFICIARIES = 1_000_000;

    /** All the people an activity reached, summed without overflow. */
    public static long total(List<Beneficiaries> beneficiaries) {
        return beneficiaries.stream().filter(b -> b != null && b.count() != null).mapToLong(Beneficiaries::count).sum();
    }

    @Schema(description = "An activity (活动) under one of the four themes of 专项4.")
    public record ActivityInput(
            @Schema(required = true, description = "NEIGHBOUR_CARE 邻里守望, CONSULTATION 社区协商, SAFETY 共创平安, CULTURE 文化铸魂")
            Theme theme,
            @Schema(required = true, description = "When it was held; not in the future") LocalDate heldOn,
            @Schema(description = "Beneficiaries by group, each group once") List<Beneficiaries> beneficiaries,
            @Schema(required = true, description = "What was done, 1–2000 characters") String description) {
    }

    public record ActivityResponse(UUID id, UUID organizationId, Theme theme, LocalDate heldOn, List<Beneficiaries> beneficiaries,
                                   long beneficiaryTotal, String description, String recordedBy, OffsetDateTime recordedAt) {
    }

    @Schema(description = "A major activity reported before it happens (重大活动报告).")
    public record MajorActivityInput(
            @Schema(required = true, description = "FESTIVAL 节庆, PERFORMANCE 演出, SPORTS 体育赛事, GATHERING 聚集性活动")
            MajorActivityKind kind,
            @Schema(required = true, description = "1–200 characters") String title,
            @Schema(required = true, description = "Planned date; must be after today when reported") LocalDate plannedOn,
            @Schema(required = true, description = "Expected attendance, at least 1") Integer expectedAttendance,
            @Schema(required = true, description = "Where, 1–200 characters") String venue) {
    }

    public record MajorActivityResponse(UUID id, UUID organizationId, MajorActivityKind kind, String title, LocalDate plannedOn,
                                        int expectedAttendance, String venue, String recordedBy, OffsetDateTime recordedAt) {
    }

    @Schema(description = "A periodic work report to the community's two committees (向村(社区)两委报告工作).")
    public record WorkReportInput(
            @Schema(required = true, description = "2024, 2024-H1, 2024-Q3 or 2024-05; begun, not in the future; one report per period")
            String period,
            @Schema(required = true, description = "1–10000 characters") String content) {
    }

    public record WorkReportResponse(UUID id, UUID organizationId, String period, String content, String recordedBy,
                                     OffsetDateTime recordedAt) {
    }

    @Schema(description = "An evaluation of a work report (评估评议), kept as a reference for later decisions.")
    public record EvaluationInput(
            @Schema(required = true, description = "TWO_COMMITTEES 两委 (once per report) or RESIDENTS 居民") Evaluator evaluator,
            @Schema(required = true) Rating rating,
            @Schema(description = "At most 2000 characters") String comment,
            @Schema(description = "Default today; not in the future, not before the report") LocalDate evaluatedOn) {
    }

    public record EvaluationResponse(UUID id, UUID workReportId, Evaluator evaluator, Rating rating, String comment,
                                     LocalDate evaluatedOn, String recordedBy, OffsetDateTime recordedAt) {
    }

    @Schema(description = "A regular liaison with the community Party organization (党建联络, 专项5 红色领航).")
    public record PartyLiaisonInput(
            @Schema(required = true, description = "The liaison's name (联络员), 1–50 characters") String liaison,
            @Schema(required = true, description = "The community Party organization (社区党组织), 1–200 characters")
            String partyOrganization,
            @Schema(required = true, description = "Since when; not in the future") LocalDate since) {
    }

    public record PartyLiaisonResponse(UUID id, UUID organizationId, String liaison, String partyOrganization, LocalDate since,
                                       String recordedBy, OffsetDateTime recordedAt) {
    }
}
