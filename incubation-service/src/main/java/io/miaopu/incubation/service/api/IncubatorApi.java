package io.miaopu.incubation.service.api;

import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.domain.Enrollment;
import io.miaopu.incubation.domain.Incubator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of /api/v1/incubators and their enrollments. */
public final class IncubatorApi {

    private IncubatorApi() {
    }

    @Schema(description = "Open an incubation base, support platform or service station")
    public record Open(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Schema(description = "Must be the level of divisionCode") DivisionLevel level,
            @NotBlank @Size(max = 12) String divisionCode,
            @NotNull Incubator.Type type,
            @Schema(description = "The organization that runs it, if any (known to the registry)") UUID operatorOrganizationId,
            @NotEmpty Set<Incubator.@NotNull Service> services,
            @NotNull @PastOrPresent LocalDate openedOn) {
    }

    @Schema(description = "Correct an incubator; send If-Match with the ETag you read")
    public record Update(
            @NotBlank @Size(max = 200) String name,
            @NotNull Incubator.Type type,
            UUID operatorOrganizationId,
            @NotEmpty Set<Incubator.@NotNull Service> services,
            @NotNull @PastOrPresent LocalDate openedOn,
            @PositiveOrZero @Schema(deprecated = true, description = Versioning.BODY_VERSION) Long version,
            @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(description = "Close the incubator")
    public record Close(@NotNull @PastOrPresent LocalDate closedOn, @NotBlank @Size(max = 500) String reason) {
    }

    public record IncubatorResponse(UUID id, String name, DivisionLevel level, String divisionCode, Incubator.Type type,
                                    UUID operatorOrganizationId, Set<Incubator.Service> services, LocalDate openedOn,
                                    LocalDate closedOn, String closeReason, boolean open, long version,
                                    OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    @Schema(description = "Start incubating an organization")
    public record Enroll(@NotNull UUID organizationId, @NotNull @PastOrPresent LocalDate startedOn) {
    }

    @Schema(description = "End an incubation: the organization graduated (出壳) or withdrew")
    public record EndEnrollment(@NotNull @PastOrPresent LocalDate endedOn, @Size(max = 500) String reason) {
    }

    public record EnrollmentResponse(UUID id, UUID incubatorId, UUID organizationId, LocalDate startedOn, LocalDate endedOn,
                                     Enrollment.Outcome outcome, String endReason, long version, OffsetDateTime createdAt,
                                     OffsetDateTime updatedAt) {
    }
}
