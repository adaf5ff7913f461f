package io.miaopu.registry.service;

import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.LegalForm;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Classification.Subcategory;
import io.miaopu.registry.domain.ServiceArea;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The organization use cases' inputs and answers, owned by the service: what the provincial platform
 * and the clerks' front ends send and see (field names are fixed). {@code rest/} and the import carry
 * them as they are; the history keeps the aggregate's own state ({@link io.miaopu.registry.domain.OrganizationSnapshot}).
 */
public final class OrganizationApi {

    private OrganizationApi() {
    }

    @Schema(description = "Leader of the organization (负责人). Personal data: never in events, public answers or logs.")
    public record Leader(
            @Schema(description = "Name (姓名), at most 50 characters") String name,
            @Schema(description = "Phone (联系电话): an 11-digit mobile number or a landline such as 0833-2123456") String phone) {
    }

    @Schema(description = "What is registered or filed about an organization (POST, PUT by credit code; PATCH merges into it).")
    public record Input(
            @Schema(description = "Name (名称), 1–200 characters, unique among the community's organizations not deregistered",
                    required = true) String name,
            @Schema(description = "Unified Social Credit Code (统一社会信用代码), GB 32100-2015; required for REGISTERED; "
                    + "first character 5, second matching the legal form; unique among organizations not deregistered",
                    example = "51100000500002862F") String creditCode,
            @Schema(description = "Legal form (法人形态); required for REGISTERED, absent for the other classes") LegalForm legalForm,
            @Schema(description = "Management class (分类管理)", required = true) ManagementClass managementClass,
            @Schema(description = "Category (类型), the axis of the yearly targets", required = true) Category category,
            @Schema(description = "Subcategory; must belong to the category") Subcategory subcategory,
            @Schema(description = "Service areas (服务领域), codes of GET /api/v1/organizations/service-areas, no repeats")
            List<ServiceArea> serviceAreas,
            @Schema(description = "12-digit code of the active village-level division (村/社区) served", required = true,
                    example = "511102004001") String communityCode,
            @Schema(description = "Date of registration (登记) or filing (备案): the date that counts for the yearly targets; "
                    + "not in the future, not before establishedOn", required = true) LocalDate registeredOn,
            @Schema(description = "Date founded (成立日期), not in the future") LocalDate establishedOn,
            Leader leader,
            @Schema(description = "Number of members (成员数), at least 1") Integer memberCount,
            @Schema(description = "Hub-type organization (枢纽型); default false") Boolean hubType,
            @Schema(description = "Has adopted a simple charter (简易章程); default false") Boolean charterAdopted) {
    }

    @Schema(description = "An organization (社区社会组织).")
    public record OrganizationResponse(
            UUID id, String name, String creditCode, LegalForm legalForm, ManagementClass managementClass, Category category,
            Subcategory subcategory, List<ServiceArea> serviceAreas, String communityCode, LocalDate registeredOn,
            LocalDate establishedOn, Leader leader, Integer memberCount, boolean hubType, boolean charterAdopted,
            @Schema(description = "ACTIVE, ABNORMAL (活动异常), SUSPENDED (暂停), DEREGISTERED (注销, final)") Status status,
            @Schema(description = "Reason of the last status change") String statusReason,
            @Schema(description = "The day the current status took effect (注销, 活动异常 or 暂停之日); for an organization "
                    + "active since it was registered or filed, its registeredOn") LocalDate statusEffectiveOn,
            @Schema(description = "Grows with every change; also the ETag") long version,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    @Schema(description = "A change of status, with its reason (状态变更).")
    public record StatusChange(
            @Schema(required = true, description = "ACTIVE ↔ ABNORMAL; ACTIVE or ABNORMAL → SUSPENDED → ACTIVE; "
                    + "any → DEREGISTERED (final)") Status status,
            @Schema(required = true, description = "Why (原因), 1–500 characters") String reason,
            @Schema(description = "The day the status took effect (生效日期: the day of 注销, of the listing as abnormal, of the "
                    + "suspension), not in the future and not before registeredOn; default today (China Standard Time). "
                    + "The same status again with another day corrects the day recorded (give the reason)",
                    example = "2025-11-30") LocalDate effectiveOn) {
    }

    @Schema(description = "One change in an organization's history: who, when, what (state before and after), why.")
    public record HistoryEntry(long version, String changeType, String changedBy, OffsetDateTime changedAt, String reason,
                               List<String> changedFields, Object before, Object after) {
    }

    @Schema(description = "A service area (服务领域) of the plan's lists, under its subcategory.")
    public record ServiceAreaEntry(ServiceArea code, Subcategory subcategory, Category category, String nameZh, String nameEn) {
    }

    @Schema(description = "What is disclosed to the public (信息公开): never the leader, a phone, the history or people.")
    public record PublicOrganization(UUID id, String name, String creditCode, Category category, Subcategory subcategory,
                                     String communityCode, String communityName, Status status, LocalDate registeredOn) {
    }

    @Schema(description = "A page of the public list. It reaches the first 1,000 matches (in name order) and counts no further: "
            + "total is exact up to 1,000; more is true when there are more matches than that (narrow with division or q).")
    public record PublicPage(List<PublicOrganization> items, int page, int size, long total, boolean more) {
    }
}
