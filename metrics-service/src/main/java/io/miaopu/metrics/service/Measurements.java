package io.miaopu.metrics.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What {@link Measures} answers: the plan's targets measured over one year's figures. The service's own results,
 * independent of the REST responses ({@code rest/ProgressApi} maps them); a final evaluation freezes them as they
 * serialize (canonical JSON), so their component names are part of the frozen documents and must not change.
 */
public final class Measurements {

    private Measurements() {
    }

    /** New organizations of a category in a year against its target (T6 or T7); gap 0 when met. */
    public record YearFigure(String target, String category, long count, BigDecimal threshold, boolean met, long gap) {
    }

    /** One year of T6/T7. */
    public record Year(int year, List<YearFigure> figures) {
    }

    /** New organizations per year of the plan's yearly targets by category. */
    public record Yearly(String plan, List<Year> years, OffsetDateTime asOf) {
    }

    /** Communities of one kind: existing organizations per community against a threshold. */
    public record Average(long communities, long organizations, BigDecimal average, BigDecimal threshold, Boolean met, Long gap) {
    }

    /** One county-level unit measured against its tier (T3–T5). */
    public record County(String code, String name, String target, Average urban, Average rural) {
    }

    /** The city as a whole: its urban communities against T1, its rural communities against T2. */
    public record City(Average urban, Average rural) {
    }

    /** The county table. */
    public record Counties(String plan, int year, City city, List<County> counties, OffsetDateTime asOf) {
    }

    /** Whether the current yearly pace meets the target by its due year. */
    public record Forecast(int dueYear, BigDecimal yearlyPace, BigDecimal projected, Boolean onTrack) {
    }

    /** One part of a target (a tier's county and kind, a pilot county, a level's coverage). */
    public record Part(String code, String name, String label, BigDecimal value, BigDecimal threshold, Boolean met,
                       BigDecimal gap, Long numerator, Long denominator) {
    }

    /** A target measured for a division. */
    public record TargetProgress(String target, String kind, String nameZh, String nameEn, String unit, BigDecimal value,
                                 BigDecimal threshold, Boolean met, BigDecimal gap, Long numerator, Long denominator,
                                 Forecast forecast, List<Part> parts, List<String> missing) {
    }

    /** A division of the hierarchy. */
    public record Division(String code, String name, String level, String kind) {
    }

    /** Every target of the plan measured for a division. */
    public record Progress(String plan, int year, Division division, List<TargetProgress> targets, OffsetDateTime asOf) {
    }

    /** A division with its urban and rural communities against the threshold that governs it. */
    public record DivisionFigures(String code, String name, String level, String kind, String target, Average urban,
                                  Average rural) {
    }

    /** A community below its threshold. */
    public record WorkItem(String code, String name, String kind, String townshipCode, String countyCode, long organizations,
                           BigDecimal threshold, long gap) {
    }

    /** Communities below their tier's threshold, largest gap first. */
    public record WorkList(long total, List<WorkItem> communities) {
    }

    /** A division, its children and its work list. */
    public record Drilldown(String plan, int year, DivisionFigures division, List<DivisionFigures> children, WorkList workList,
                            OffsetDateTime asOf) {
    }
}
