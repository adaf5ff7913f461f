package io.miaopu.incubation.service.api;

import io.miaopu.incubation.domain.Funding;
import io.miaopu.incubation.domain.HubDemonstration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of /api/v1/hub-demonstrations, /api/v1/venue-supports and /api/v1/fundings. */
public final class SupportApi {

    private SupportApi() {
    }

    @Schema(description = "Certify a hub-type demonstration organization (枢纽型示范): CITY by the city bureau, COUNTY by its county")
    public record Certify(@NotNull UUID organizationId, @NotNull @PastOrPresent LocalDate certifiedOn,
                          @NotNull HubDemonstration.CertifyingLevel certifyingLevel) {
    }

    @Schema(description = "Revoke a certification")
    public record Revoke(@NotNull @PastOrPresent LocalDate revokedOn, @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "Correct the certification date; send If-Match with the ETag you read")
    public record CorrectCertification(@NotNull @PastOrPresent LocalDate certifiedOn, @PositiveOrZero @Schema(deprecated = true, description = Versioning.BODY_VERSION) Long version,
                                       @NotBlank @Size(max = 500) String reason) {
    }

    public record HubDemonstrationResponse(UUID id, UUID organizationId, String divisionCode, LocalDate certifiedOn,
                                           HubDemonstration.CertifyingLevel certifyingLevel, LocalDate revokedOn,
                                           String revokeReason, boolean current, long version, OffsetDateTime createdAt,
                                           OffsetDateTime updatedAt) {
    }

    @Schema(description = "Grant venue support (安家)")
    public record GrantVenue(@NotNull UUID organizationId, @NotBlank @Size(max = 500) String venue,
                             @NotBlank @Size(max = 12) @Schema(description = "The street, township or community that provides it") String providingDivisionCode,
                             @NotNull LocalDate fromDate, LocalDate toDate,
                             @NotNull @DecimalMin(value = "0.01") @DecimalMax("100000") @Digits(integer = 8, fraction = 2)
                             @Schema(description = "Floor area in square metres") BigDecimal floorAreaM2) {
    }

    @Schema(description = "End venue support")
    public record EndVenue(@NotNull LocalDate toDate, @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "Correct venue support; send If-Match with the ETag you read")
    public record CorrectVenue(@NotBlank @Size(max = 500) String venue, @NotNull LocalDate fromDate, LocalDate toDate,
                               @NotNull @DecimalMin(value = "0.01") @DecimalMax("100000") @Digits(integer = 8, fraction = 2) BigDecimal floorAreaM2,
                               @PositiveOrZero @Schema(deprecated = true, description = Versioning.BODY_VERSION) Long version, @NotBlank @Size(max = 500) String reason) {
    }

    public record VenueSupportResponse(UUID id, UUID organizationId, String venue, String providingDivisionCode,
                                       LocalDate fromDate, LocalDate toDate, BigDecimal floorAreaM2, String endReason,
                                       long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    @Schema(description = "Record funding granted to an organization")
    public record Grant(@NotNull UUID organizationId, @NotNull Funding.Channel channel,
                        @NotNull @Positive @Max(100_000_000_000L) @Schema(description = "Amount in fen (分): 1 yuan = 100") Long amountFen,
                        @NotNull @Schema(description = "The budget year, at most next year") Integer year,
                        @NotBlank @Size(max = 300) String projectTitle) {
    }

    @Schema(description = "Cancel a funding record (for example a project that did not go ahead)")
    public record Cancel(@NotNull @PastOrPresent LocalDate cancelledOn, @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "Correct a funding record; send If-Match with the ETag you read")
    public record CorrectFunding(@NotNull Funding.Channel channel, @NotNull @Positive @Max(100_000_000_000L) Long amountFen,
                                 @NotNull @Schema(description = "The budget year, at most next year") Integer year, @NotBlank @Size(max = 300) String projectTitle,
                                 @PositiveOrZero @Schema(deprecated = true, description = Versioning.BODY_VERSION) Long version, @NotBlank @Size(max = 500) String reason) {
    }

    public record FundingResponse(UUID id, UUID organizationId, String divisionCode, Funding.Channel channel, long amountFen,
                                  int year, String projectTitle, LocalDate cancelledOn, String cancelReason, long version,
                                  OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }
}
