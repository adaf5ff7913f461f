package io.miaopu.metrics.rest;

import io.miaopu.metrics.service.Measurements;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Progress against the plan's targets: the responses, mapped from the service's {@link Measurements}. */
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

    @Schema(description = "New organizations per year of the plan's yearly targets by category (T6, T7).")
    public record Yearly(@Schema(description = "The plan measured") String plan, List<Year> years,
                         @Schema(description = "Time of the newest event applied to the figures") OffsetDateTime asOf) {
    }

    @Schema(description = "Communities of one kind (urban 城市社区 or rural 农村社区): existing organizations per community "
            + "against a threshold.")
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

    public record Counties(@Schema(description = "The plan measured") String plan, int year, City city, List<County> counties, OffsetDateTime asOf) {
    }

    @Schema(description = "Whether the current yearly pace meets the target by its due year. The pace is the change over "
            + "the year asked (scaled to a whole year while it runs); projected = the value at the end of the year before + "
            + "pace × the years left through the due year.")
    public record Forecast(int dueYear,
                           @Schema(description = "Change per year at the current pace (organizations, units, person-times)")
                           BigDecimal yearlyPace,
                           @Schema(description = "The count expected at the end of the due year at that pace") BigDecimal projected,
                           Boolean onTrack) {
    }

    @Schema(description = "One part of a target: urban or rural communities of a county of a tier (T3–T5), a pilot county "
            + "reported on its own (T9), township-level or village-level units covered (T12).")
    public record Part(String code, String name, String label, BigDecimal value, BigDecimal threshold, Boolean met,
                       BigDecimal gap, Long numerator, Long denominator) {
    }

    @Schema(description = "A target measured for the division asked. Counts the plan sets for the city as a whole (T6, T7, T10, "
            + "T11) show the division's value with met, gap and forecast left empty below the city: the plan does not "
            + "apportion them.")
    public record TargetProgress(String target, String kind, String nameZh, String nameEn, String unit,
                                 @Schema(description = "The measured value (average, count or share)") BigDecimal value,
                                 BigDecimal threshold, Boolean met,
                                 @Schema(description = "What is still needed to meet it: organizations (T1–T7, T11), units "
                                         + "(T8, T9, T12, T13) or person-times (T10); 0 when met") BigDecimal gap,
                                 @Schema(description = "What value counts (organizations, units...)") Long numerator,
                                 @Schema(description = "Out of how many (communities, units)") Long denominator,
                                 Forecast forecast, List<Part> parts,
                                 @Schema(description = "T12: the divisions still without an active incubator or platform")
                                 List<String> missing) {
    }

    @Schema(description = "A division of the hierarchy (行政区划).")
    public record Division(String code, String name, String level, String kind) {
    }

    @Schema(description = "Every target of the plan, measured for a division (the city by default) at the end of a year "
            + "(to date for the current year).")
    public record Progress(@Schema(description = "The plan measured (规划)") String plan, int year, Division division, List<TargetProgress> targets,
                           @Schema(description = "Time of the newest event applied to the figures") OffsetDateTime asOf) {
    }

    @Schema(description = "A division with its urban and rural communities against the threshold that governs it: its "
            + "county's tier (T3–T5) at county level and below, T1/T2 for the city.")
    public record DivisionFigures(String code, String name, String level, String kind,
                                  @Schema(description = "The target whose thresholds apply") String target,
                                  Average urban, Average rural) {
    }

    @Schema(description = "A community below its threshold (待补短板社区).")
    public record WorkItem(String code, String name, String kind, String townshipCode, String countyCode, long organizations,
                           BigDecimal threshold,
                           @Schema(description = "Organizations still needed: ⌈threshold⌉ − organizations") long gap) {
    }

    @Schema(description = "Communities below their tier's threshold, largest gap first.")
    public record WorkList(long total, List<WorkItem> communities) {
    }

    @Schema(description = "Drill-down: a division, its children with counts and gaps, and its work list.")
    public record Drilldown(@Schema(description = "The plan measured") String plan, int year, DivisionFigures division, List<DivisionFigures> children, WorkList workList,
                            OffsetDateTime asOf) {
    }

    // ---- from the service's measurements ------------------------------------------------------------------------

    public static Yearly of(Measurements.Yearly y) {
        return new Yearly(y.plan(), y.years().stream().map(ProgressApi::of).toList(), y.asOf());
    }

    static Year of(Measurements.Year y) {
        return new Year(y.year(), y.figures().stream().map(f -> new YearFigure(f.target(), f.category(), f.count(), f.threshold(),
                f.met(), f.gap())).toList());
    }

    static Average of(Measurements.Average a) {
        return a == null ? null : new Average(a.communities(), a.organizations(), a.average(), a.threshold(), a.met(), a.gap());
    }

    public static Counties of(Measurements.Counties c) {
        return new Counties(c.plan(), c.year(), new City(of(c.city().urban()), of(c.city().rural())),
                c.counties().stream().map(x -> new County(x.code(), x.name(), x.target(), of(x.urban()), of(x.rural()))).toList(),
                c.asOf());
    }

    static Forecast of(Measurements.Forecast f) {
        return f == null ? null : new Forecast(f.dueYear(), f.yearlyPace(), f.projected(), f.onTrack());
    }

    static Part of(Measurements.Part p) {
        return new Part(p.code(), p.name(), p.label(), p.value(), p.threshold(), p.met(), p.gap(), p.numerator(), p.denominator());
    }

    static TargetProgress of(Measurements.TargetProgress t) {
        return new TargetProgress(t.target(), t.kind(), t.nameZh(), t.nameEn(), t.unit(), t.value(), t.threshold(), t.met(), t.gap(),
                t.numerator(), t.denominator(), of(t.forecast()),
                t.parts() == null ? null : t.parts().stream().map(ProgressApi::of).toList(), t.missing());
    }

    public static Progress of(Measurements.Progress p) {
        Measurements.Division d = p.division();
        return new Progress(p.plan(), p.year(), new Division(d.code(), d.name(), d.level(), d.kind()),
                p.targets().stream().map(ProgressApi::of).toList(), p.asOf());
    }

    static DivisionFigures of(Measurements.DivisionFigures d) {
        return new DivisionFigures(d.code(), d.name(), d.level(), d.kind(), d.target(), of(d.urban()), of(d.rural()));
    }

    public static Drilldown of(Measurements.Drilldown d) {
        Measurements.WorkList w = d.workList();
        return new Drilldown(d.plan(), d.year(), of(d.division()), d.children().stream().map(ProgressApi::of).toList(),
                new WorkList(w.total(), w.communities().stream().map(i -> new WorkItem(i.code(), i.name(), i.kind(), i.townshipCode(),
                        i.countyCode(), i.organizations(), i.threshold(), i.gap())).toList()), d.asOf());
    }
}
