package io.miaopu.incubation.service.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One entry of a support structure's history")
public record StructureChangeResponse(
        String changeType,
        long version,
        @JsonRawValue @Schema(implementation = Object.class) String before,
        @JsonRawValue @Schema(implementation = Object.class) String after,
        String reason,
        String changedBy,
        OffsetDateTime changedAt) {
}
