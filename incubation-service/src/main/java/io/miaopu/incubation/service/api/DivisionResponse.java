package io.miaopu.incubation.service.api;

import io.miaopu.incubation.domain.DivisionKind;
import io.miaopu.incubation.domain.DivisionLevel;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A division (行政区划) of the five-level hierarchy")
public record DivisionResponse(
        @Schema(description = "Statistical division code (2/4/6/9/12 digits), or 5111GX for 乐山高新区 (project-assigned)")
        String code,
        @Schema(description = "Official name, in Chinese") String name,
        DivisionLevel level,
        @Schema(description = "The division it belongs to (for the zone's members: the zone)") String parentCode,
        DivisionKind kind,
        @Schema(description = "False once retired (for example after a merger)") boolean active,
        @Schema(description = "NBS-2023 (seeded statistical code of 2023), NBS (statistical code added later) or PROJECT (assigned here)") String codeSource,
        @Schema(description = "Grows with every change") long revision,
        @Schema(description = "The day the current state took effect; null: since always (as seeded)") LocalDate effectiveOn,
        OffsetDateTime updatedAt) {
}
