package io.miaopu.incubation.service.api;

import io.miaopu.incubation.domain.DivisionKind;
import io.miaopu.incubation.domain.DivisionLevel;
import java.time.LocalDate;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the city bureau's changes to the hierarchy. */
public final class DivisionRequests {

    public static final String EFFECTIVE_ON = "The day the change took effect (生效日期, e.g. the day of the State Council's or the "
            + "province's approval), so that figures of past years count the division as it then stood; default today "
            + "(China Standard Time); not in the future, not before the division's previous change took effect";

    private DivisionRequests() {
    }

    @Schema(description = "A new division: a new township or community from a new statistical code, or a new functional zone")
    public record NewDivision(
            @NotBlank @Pattern(regexp = "[0-9A-Z]{2,12}") String code,
            @NotBlank @Size(max = 100) String name,
            @NotNull DivisionLevel level,
            @NotBlank String parentCode,
            @Schema(description = "Required at county level; at township and village level it follows the code segment")
            DivisionKind kind,
            @Size(max = 500) String reason,
            @Schema(description = EFFECTIVE_ON) LocalDate effectiveOn) {
    }

    @Schema(description = "A new official name")
    public record Rename(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 500) String reason,
                         @Schema(description = EFFECTIVE_ON) LocalDate effectiveOn) {
    }

    @Schema(description = "Retire a division (for example merged into another); it must have no active divisions under it")
    public record Retire(@NotBlank @Size(max = 500) String reason, @Schema(description = EFFECTIVE_ON) LocalDate effectiveOn) {
    }

    @Schema(description = "Move a township to another county-level unit (e.g. into 乐山高新区) or a community to another township")
    public record Reassign(@NotBlank String parentCode, @NotBlank @Size(max = 500) String reason,
                           @Schema(description = EFFECTIVE_ON) LocalDate effectiveOn) {
    }
}
