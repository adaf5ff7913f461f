package io.miaopu.incubation.service.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of /api/v1/federations (社区社会组织联合会). */
public final class FederationApi {

    private FederationApi() {
    }

    @Schema(description = "Establish the hub federation of a township-level unit")
    public record Establish(
            @NotBlank @Pattern(regexp = "[0-9]{9}") @Schema(description = "The township or street (9-digit code)") String townshipCode,
            @NotNull @Schema(description = "The organization that is the federation (known to registry, not deregistered)") UUID organizationId,
            @NotBlank @Size(max = 200) String name,
            @NotNull @PastOrPresent LocalDate establishedOn) {
    }

    @Schema(description = "Correct a federation's name, organization or establishment date")
    public record Update(
            @NotNull UUID organizationId,
            @NotBlank @Size(max = 200) String name,
            @NotNull @PastOrPresent LocalDate establishedOn,
            @PositiveOrZero @Schema(deprecated = true, description = Versioning.BODY_VERSION) Long version,
            @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "Dissolve (close) the federation")
    public record Dissolve(@NotNull @PastOrPresent LocalDate dissolvedOn, @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "A hub-type federation of community social organizations (枢纽型社区社会组织联合会)")
    public record FederationResponse(UUID id, String name, String townshipCode, UUID organizationId, LocalDate establishedOn,
                                     LocalDate dissolvedOn, String dissolutionReason, boolean active, long version,
                                     OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }
}
