package io.miaopu.metrics.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Progress against the plan's targets. */
public final class ProgressApi {

    private ProgressApi() {
    }

    @Schema(description = "New organizations of a category in a year against its target (T6 or T7).")
    public record YearFigure(String target, String category, long count, BigDecimal threshold, boolean met,
                             @Schema(description = "Organizations still needed that year (0 when met)") long gap) {
    }

    @Schema(description = "One year of T6/T7: organizations whose registeredOn falls in the year, whatever their status since.")
    public record Year(int year, List<YearFigure> figures) {
    }

    @Schema(description = "New organizations per year 2021–2025 by category (T6, T7).")
    public record Yearly(List<Year> years,
                         @Schema(description = "Time of the newest event applied to the figures") OffsetDateTime asOf) {
    }

    @Schema(description = "Urban or rural communities of a county-level unit: existing organizations per community against the tier.")
    public record Average(long communities, long organizations,
                          @Schema(description = "organizations ÷ communities, 2 decimals; null without communities") BigDecimal average,
                          BigDecimal threshold, Boolean met,
                          @Schema(description = "Organizations still needed: ⌈threshold × communities⌉ − organizations, at least 0")
                          Long gap) {
    }

    @Schema(description = "One county-level unit (县/市/区, the 高新区 zone included) measured against its tier (T3–T5).")
    public record County(String code, String name, String target, Average urban, Average rural) {
    }

    @Schema(description = "The city as a whole: all its urban communities against T1, all its rural communities against T2.")
    public record City(Average urban, Average rural) {
    }

    public record Counties(int year, City city, List<County> counties, OffsetDateTime asOf) {
    }
}
