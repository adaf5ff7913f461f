package io.miaopu.incubation.service.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.miaopu.incubation.service.DivisionService;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One entry of a division's history (沿革)")
public record DivisionChangeResponse(
        DivisionService.DivisionChange changeType,
        long revision,
        @Schema(description = "The day the change took effect; null for the seeded state (since always)") LocalDate effectiveOn,
        @JsonRawValue @Schema(implementation = Object.class, description = "State before the change") String before,
        @JsonRawValue @Schema(implementation = Object.class, description = "State after the change") String after,
        String reason,
        @Schema(description = "User or client that made the change") String changedBy,
        OffsetDateTime changedAt) {
}
