package io.miaopu.metrics.service;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.domain.TargetOptions;
import io.miaopu.metrics.service.Measurements.Average;
import io.miaopu.metrics.service.Measurements.Forecast;
import io.miaopu.metrics.service.Measurements.Part;
import io.miaopu.metrics.service.Measurements.TargetProgress;
import io.miaopu.metrics.service.Figures.CommunityCount;
import io.miaopu.metrics.service.Figures.Dated;
import io.miaopu.metrics.service.Figures.TrainingCount;
import io.miaopu.metrics.service.DivisionTree.Node;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of the plan's targets over one year's {@link Figures}, for a division (the
 * definitions are in docs/metrics.md), answered as {@link Measurements}. Pure: no I/O.
 */
final class Measures {

    private static final CommunityCount NONE = new CommunityCount(0, 0, Map.of());

    private Measures() {
    }

    // ---- every target for a division --------------------------------------------------------------------------

    static Measurements.Progress progress(Figures f, String code) {
        Node d = f.hierarchy().get(code);
        if (d == null) {
            throw new ProblemException(ProblemType.NOT_READY, "The division hierarchy has not arrived yet: no division " + code + ".",
                    "尚未收到行政区划：" + code + "。");
        }
        List<TargetProgress> measured = new ArrayList<>();
        for (Target t : f.targets()) {
            TargetProgress p = switch (t.kind) {
                case CITY_AVERAGE -> cityAverage(f, t, d);
                case TIER_AVERAGE -> tierAverage(f, t, d);
                case NEW_PER_YEAR -> newPerYear(f, t, d);
                case FEDERATION_COVERAGE -> federationCoverage(f, t, d);
                case TRAINING_PERSON_TIMES -> cityCount(f, t, d, personTimes(f, t, d, f.year()), personTimes(f, t, d, f.year() - 1));
                case HUB_DEMONSTRATIONS -> cityCount(f, t, d, demonstrations(f, t, d, f.at()),
                        demonstrations(f, t, d, f.endOfYearBefore()));
                case INCUBATION_SYSTEM -> incubationSystem(f, t, d);
                case TRAINING_COVERAGE -> trainingCoverage(f, t, d);
            };
            if (p != null) {
                measured.add(p);
            }
        }
        return new Measurements.Progress(f.plan().id, f.year(), new Measurements.Division(d.code(), d.name(), d.level(), d.kind()), measured,
                f.asOf());
    }

    /** T1, T2: existing organizations per community of the kind, over the division's communities. */
    private static TargetProgress cityAverage(Figures f, Target t, Node d) {
        boolean urban = "URBAN".equals(t.category);
        List<Node> communities = f.hierarchy().under(d.code(), DivisionTree.VILLAGE).stream().filter(c -> c.urban() == urban).toList();
        long now = communities.stream().mapToLong(c -> count(f, c).existing()).sum();
        long before = communities.stream().mapToLong(c -> count(f, c).existingBefore()).sum();
        Average a = average(communities.size(), now, t.threshold);
        Forecast forecast = communities.isEmpty() ? null
                : forecast(f, now, before, needed(t.threshold, communities.size()), t.dueYear);
        return new TargetProgress(t.id, t.kind.name(), t.nameZh, t.nameEn, t.unit, a.average(), t.threshold, a.met(),
                a.gap() == null ? null : BigDecimal.valueOf(a.gap()), now, (long) communities.size(), forecast, null, null);
    }

    /**
     * T3–T5: every county-level unit of the tier, its urban and its rural communities each against the
     * tier's threshold; value = the share of those (unit, kind) pairs that meet it. Below the city: the
     * division itself, if its county is in the tier.
     */
    private static TargetProgress tierAverage(Figures f, Target t, Node d) {
        List<Node> units = new ArrayList<>();
        if (d.cityWide()) {
            t.countyList().stream().map(f.hierarchy()::get).filter(n -> n != null && f.hierarchy().within(n.code(), d.code()))
                    .forEach(units::add);
        } else {
            String county = DivisionTree.COUNTY.equals(d.level()) ? d.code() : d.county();
            if (county == null || !t.countyList().contains(county)) {
                return null;
            }
            units.add(d);
        }
        List<Part> parts = new ArrayList<>();
        long pairs = 0;
        long met = 0;
        long onTrack = 0;
        long gap = 0;
        double pace = 0;
        for (Node unit : units) {
            for (boolean urban : new boolean[] {true, false}) {
                List<Node> communities = f.hierarchy().under(unit.code(), DivisionTree.VILLAGE).stream()
                        .filter(c -> c.urban() == urban).toList();
                BigDecimal threshold = urban ? t.urbanThreshold : t.ruralThreshold;
                long now = communities.stream().mapToLong(c -> count(f, c).existing()).sum();
                long before = communities.stream().mapToLong(c -> count(f, c).existingBefore()).sum();
                Average a = average(communities.size(), now, threshold);
                parts.add(new Part(unit.code(), unit.name(), urban ? "URBAN" : "RURAL", a.average(), threshold, a.met(),
                        a.gap() == null ? null : BigDecimal.valueOf(a.gap()), now, (long) communities.size()));
                if (a.met() == null) {
                    continue;
                }
                pairs++;
                met += a.met() ? 1 : 0;
                gap += a.gap();
                Forecast fc = forecast(f, now, before, needed(threshold, communities.size()), t.dueYear);
                onTrack += Boolean.TRUE.equals(fc.onTrack()) ? 1 : 0;
                pace += fc.yearlyPace().doubleValue();
            }
        }
        BigDecimal value = pairs == 0 ? null : share(met, pairs);
        Forecast forecast = pairs == 0 ? null : new Forecast(t.dueYear, ProgressService.decimal(pace, 2),
                BigDecimal.valueOf(onTrack), onTrack == pairs);
        return new TargetProgress(t.id, t.kind.name(), t.nameZh, t.nameEn, "share of urban and rural community sets at the "
                + "tier's threshold", value, BigDecimal.ONE, pairs == 0 ? null : met == pairs,
                pairs == 0 ? null : BigDecimal.valueOf(gap), met, pairs, forecast, parts, null);
    }

    /** T6, T7: registered or filed in the year, of the category; the threshold is the city's. */
    private static TargetProgress newPerYear(Figures f, Target t, Node d) {
        long value = d.cityWide() ? f.newInYear().getOrDefault(t.category, 0L)
                : f.hierarchy().under(d.code(), DivisionTree.VILLAGE).stream()
                .mapToLong(c -> count(f, c).newInYear() == null ? 0 : count(f, c).newInYear().getOrDefault(t.category, 0L)).sum();
        boolean inPlan = f.year() >= (t.firstYear == null ? t.dueYear : t.firstYear) && f.year() <= t.dueYear;
        if (!d.cityWide() || !inPlan) {
            return new TargetProgress(t.id, t.kind.name(), t.nameZh, t.nameEn, t.unit, BigDecimal.valueOf(value), t.threshold,
                    null, null, value, null, null, null, null);
        }
        long needed = needed(t.threshold, 1);
        double projected = value / f.elapsed();
        Forecast forecast = new Forecast(f.year(), ProgressService.decimal(projected, 2), ProgressService.decimal(projected, 2),
                projected >= needed);
        return new TargetProgress(t.id, t.kind.name(), t.nameZh, t.nameEn, t.unit, BigDecimal.valueOf(value), t.threshold,
                value >= needed, BigDecimal.valueOf(Math.max(0, needed - value)), value, null, forecast, null, null);
    }

    /** T8, T9: township-level units of the kinds with an active hub federation, the excluded counties reported apart. */
    private static TargetProgress federationCoverage(Figures f, Target t, Node d) {
        List<String> kinds = t.categoryList();
        List<String> excluded = t.excludedList();
        List<Node> townships = f.hierarchy().under(d.code(), DivisionTree.TOWNSHIP).stream().filter(n -> kinds.contains(n.kind())).toList();
        List<Node> units = townships.stream().filter(n -> !excluded.contains(n.county())).toList();
        long now = federated(f, units, f.at());
        long before = federated(f, units, f.endOfYearBefore());
        List<Part> parts = new ArrayList<>();
        for (String county : excluded) {
            List<Node> pilot = townships.stream().filter(n -> county.equals(n.county())).toList();
            Node node = f.hierarchy().get(county);
            if (!pilot.isEmpty()) {
                long covered = federated(f, pilot, f.at());
                parts.add(new Part(county, node == null ? null : node.name(), "PILOT", share(covered, pilot.size()), null, null,
                        null, covered, (long) pilot.size()));
            }
        }
        return shareOfUnits(f, t, now, before, units.size(), parts, null);
    }

    /** T10, T11: counts the plan sets for the city as a whole. */
    private static TargetProgress cityCount(Figures f, Target t, Node d, long now, long before) {
        if (!d.cityWide()) {
            return new TargetProgress(t.id, t.kind.name(), t.nameZh, t.nameEn, t.unit, BigDecimal.valueOf(now), t.threshold,
                    null, null, now, null, null, null, null);
        }
        long needed = needed(t.threshold, 1);
        return new TargetProgress(t.id, t.kind.name(), t.nameZh, t.nameEn, t.unit, BigDecimal.valueOf(now), t.threshold,
                now >= needed, BigDecimal.valueOf(Math.max(0, needed - now)), now, null,
                forecast(f, now, before, needed, t.dueYear), null, null);
    }

    /**
     * T12: an active incubator or platform at every division of the levels the target names (option; default the
     * province, the city and every county-level unit, the zone included) from the city's point of view: a level
     * above the division is its ancestor there, a level below is every division under it. For a county or below,
     * at the division itself. Township- and village-level coverage shown beside it.
     */
    private static TargetProgress incubationSystem(Figures f, Target t, Node d) {
        Set<String> required = new LinkedHashSet<>();
        if (d.cityWide()) {
            List<String> levels = t.optionsOrDefault().levels() == null ? TargetOptions.DEFAULT_LEVELS : t.optionsOrDefault().levels();
            for (String level : TargetOptions.ALL_LEVELS) {
                if (!levels.contains(level)) {
                    continue;
                }
                Node above = ancestorAt(f, d, level);
                if (above != null) {
                    required.add(above.code());
                } else {
                    f.hierarchy().under(d.code(), level).forEach(n -> required.add(n.code()));
                }
            }
        } else {
            required.add(d.code());
        }
        Set<String> now = incubated(f, f.at());
        Set<String> before = incubated(f, f.endOfYearBefore());
        List<String> missing = required.stream().filter(c -> !now.contains(c)).toList();
        long covered = required.size() - missing.size();
        long coveredBefore = required.stream().filter(before::contains).count();
        List<Part> parts = new ArrayList<>();
        for (String level : List.of(DivisionTree.TOWNSHIP, DivisionTree.VILLAGE)) {
            List<Node> units = f.hierarchy().under(d.code(), level);
            if (!units.isEmpty()) {
                long with = units.stream().filter(n -> now.contains(n.code())).count();
                parts.add(new Part(null, null, level, share(with, units.size()), null, null, null, with, (long) units.size()));
            }
        }
        return shareOfUnits(f, t, covered, coveredBefore, required.size(), parts, missing);
    }

    /** The division itself at its own level, or its ancestor at a level above it; null for a level below. */
    private static Node ancestorAt(Figures f, Node d, String level) {
        for (Node at = d; at != null; at = f.hierarchy().get(at.parent())) {
            if (level.equals(at.level())) {
                return at;
            }
        }
        return null;
    }

    /**
     * T13: township-level units with at least one person-time from the first year through the year, by where the
     * trainees serve (default) or by where the sessions were held (the organizing division's township-level unit).
     */
    private static TargetProgress trainingCoverage(Figures f, Target t, Node d) {
        List<Node> units = f.hierarchy().under(d.code(), DivisionTree.TOWNSHIP);
        int from = firstYear(f, t);
        Map<String, long[]> byTownship = new HashMap<>();
        if (TargetOptions.SESSION_LOCATION.equals(t.optionsOrDefault().coverageBy())) {
            for (Figures.SessionCount c : f.sessions()) {
                Node organizer = f.hierarchy().get(c.organizingDivision());
                String township = organizer == null ? null : organizer.township();
                if (township != null && c.year() >= from) {
                    long[] sums = byTownship.computeIfAbsent(township, k -> new long[2]);
                    sums[0] += c.personTimes();
                    sums[1] += c.year() < f.year() ? c.personTimes() : 0;
                }
            }
        } else {
            for (TrainingCount c : f.training()) {
                if (c.year() >= from) {
                    long[] sums = byTownship.computeIfAbsent(c.township(), k -> new long[2]);
                    sums[0] += c.personTimes();
                    sums[1] += c.year() < f.year() ? c.personTimes() : 0;
                }
            }
        }
        long now = units.stream().filter(n -> byTownship.getOrDefault(n.code(), new long[2])[0] > 0).count();
        long before = units.stream().filter(n -> byTownship.getOrDefault(n.code(), new long[2])[1] > 0).count();
        return shareOfUnits(f, t, now, before, units.size(), null, null);
    }

    private static TargetProgress shareOfUnits(Figures f, Target t, long covered, long before, long units, List<Part> parts,
                                               List<String> missing) {
        if (units == 0) {
            return new TargetProgress(t.id, t.kind.name(), t.nameZh, t.nameEn, t.unit, null, t.threshold, null, null, 0L, 0L,
                    null, parts, missing);
        }
        long needed = needed(t.threshold, units);
        return new TargetProgress(t.id, t.kind.name(), t.nameZh, t.nameEn, t.unit, share(covered, units), t.threshold,
                covered >= needed, BigDecimal.valueOf(Math.max(0, needed - covered)), covered, units,
                forecast(f, covered, before, needed, t.dueYear), parts, missing);
    }

    // ---- the county table ---------------------------------------------------------------------------------------

    static Measurements.Counties counties(Figures f) {
        List<Measurements.County> rows = new ArrayList<>();
        for (Node county : f.hierarchy().atLevel(DivisionTree.COUNTY)) {
            Target tier = tierOf(f, county.code());
            rows.add(new Measurements.County(county.code(), county.name(), tier == null ? null : tier.id,
                    communities(f, county, true, tier == null ? null : tier.urbanThreshold),
                    communities(f, county, false, tier == null ? null : tier.ruralThreshold)));
        }
        Measurements.City city = new Measurements.City(
                average(rows.stream().mapToLong(c -> c.urban().communities()).sum(),
                        rows.stream().mapToLong(c -> c.urban().organizations()).sum(), cityThreshold(f, true)),
                average(rows.stream().mapToLong(c -> c.rural().communities()).sum(),
                        rows.stream().mapToLong(c -> c.rural().organizations()).sum(), cityThreshold(f, false)));
        return new Measurements.Counties(f.plan().id, f.year(), city, rows, f.asOf());
    }

    // ---- drill-down and work list -------------------------------------------------------------------------------

    static Measurements.Drilldown drilldown(Figures f, String code, int limit) {
        Node d = f.hierarchy().get(code);
        if (d == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No active division " + code + ".", "辖区不存在或已撤销。");
        }
        List<Measurements.DivisionFigures> children = f.hierarchy().children(code).stream().map(c -> figures(f, c)).toList();
        List<Measurements.WorkItem> below = new ArrayList<>();
        for (Node c : f.hierarchy().under(code, DivisionTree.VILLAGE)) {
            BigDecimal threshold = threshold(f, c, c.urban());
            if (threshold == null) {
                continue;
            }
            long organizations = count(f, c).existing();
            long gap = needed(threshold, 1) - organizations;
            if (gap > 0) {
                below.add(new Measurements.WorkItem(c.code(), c.name(), c.kind(), c.township(), c.county(), organizations, threshold, gap));
            }
        }
        below.sort(Comparator.comparingLong(Measurements.WorkItem::gap).reversed().thenComparing(Measurements.WorkItem::code));
        return new Measurements.Drilldown(f.plan().id, f.year(), figures(f, d), children,
                new Measurements.WorkList(below.size(), below.subList(0, Math.min(limit, below.size()))), f.asOf());
    }

    private static Measurements.DivisionFigures figures(Figures f, Node n) {
        Target tier = n.cityWide() ? null : tierOf(f, DivisionTree.COUNTY.equals(n.level()) ? n.code() : n.county());
        String target = tier != null ? tier.id : cityTargets(f);
        return new Measurements.DivisionFigures(n.code(), n.name(), n.level(), n.kind(), target,
                communities(f, n, true, threshold(f, n, true)), communities(f, n, false, threshold(f, n, false)));
    }

    /** The threshold that governs a division's communities of a kind: its county's tier, else the city's (T1/T2). */
    private static BigDecimal threshold(Figures f, Node n, boolean urban) {
        Target tier = n.cityWide() ? null : tierOf(f, DivisionTree.COUNTY.equals(n.level()) ? n.code() : n.county());
        if (tier != null) {
            return urban ? tier.urbanThreshold : tier.ruralThreshold;
        }
        return cityThreshold(f, urban);
    }

    private static String cityTargets(Figures f) {
        return String.join("/", f.targets().stream().filter(t -> t.kind == Target.Kind.CITY_AVERAGE).map(t -> t.id).toList());
    }

    // ---- shared arithmetic --------------------------------------------------------------------------------------

    private static Average communities(Figures f, Node n, boolean urban, BigDecimal threshold) {
        List<Node> communities = f.hierarchy().under(n.code(), DivisionTree.VILLAGE).stream().filter(c -> c.urban() == urban).toList();
        return average(communities.size(), communities.stream().mapToLong(c -> count(f, c).existing()).sum(), threshold);
    }

    static Average average(long communities, long organizations, BigDecimal threshold) {
        BigDecimal average = communities == 0 ? null
                : BigDecimal.valueOf(organizations).divide(BigDecimal.valueOf(communities), 2, RoundingMode.HALF_UP);
        if (threshold == null || communities == 0) {
            return new Average(communities, organizations, average, threshold, null, null);
        }
        long needed = needed(threshold, communities);
        return new Average(communities, organizations, average, threshold, organizations >= needed, Math.max(0, needed - organizations));
    }

    /** ⌈threshold × units⌉: what meeting the threshold takes, in whole organizations or units. */
    static long needed(BigDecimal threshold, long units) {
        BigDecimal needed = threshold.multiply(BigDecimal.valueOf(units)).setScale(0, RoundingMode.CEILING);
        return needed.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : needed.longValue();
    }

    /**
     * The pace of the year asked (its change, scaled to a whole year while it runs) carried on from the
     * end of the year before through the due year.
     */
    static Forecast forecast(Figures f, double now, double before, double needed, int due) {
        double pace = (now - before) / f.elapsed();
        double projected = f.year() > due ? now : before + pace * (due - f.year() + 1);
        return new Forecast(due, ProgressService.decimal(pace, 2), ProgressService.decimal(projected, 2), projected >= needed);
    }

    private static BigDecimal share(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static CommunityCount count(Figures f, Node community) {
        return f.communities().getOrDefault(community.code(), NONE);
    }

    private static Target tierOf(Figures f, String county) {
        return county == null ? null : f.targets().stream()
                .filter(t -> t.kind == Target.Kind.TIER_AVERAGE && t.countyList().contains(county)).findFirst().orElse(null);
    }

    private static BigDecimal cityThreshold(Figures f, boolean urban) {
        return f.targets().stream().filter(t -> t.kind == Target.Kind.CITY_AVERAGE && (urban ? "URBAN" : "RURAL").equals(t.category))
                .map(t -> t.threshold).findFirst().orElse(null);
    }

    private static long federated(Figures f, List<Node> units, LocalDate day) {
        Set<String> covered = new java.util.HashSet<>();
        f.federations().stream().filter(x -> x.activeOn(day)).forEach(x -> covered.add(x.division()));
        return units.stream().filter(n -> covered.contains(n.code())).count();
    }

    /**
     * T11: demonstrations within the division, NET (certified and not revoked on the day) or CUMULATIVE (ever
     * certified from the target's first year through the day, 累计创建, whatever happened since).
     */
    private static long demonstrations(Figures f, Target t, Node d, LocalDate day) {
        boolean cumulative = TargetOptions.CUMULATIVE.equals(t.optionsOrDefault().demonstrations());
        LocalDate from = LocalDate.of(firstYear(f, t), 1, 1);
        return f.demonstrations().stream()
                .filter(x -> cumulative ? !x.from().isBefore(from) && !x.from().isAfter(day) : x.activeOn(day))
                .filter(x -> d.cityWide() || f.hierarchy().within(x.division(), d.code())).count();
    }

    private static Set<String> incubated(Figures f, LocalDate day) {
        Set<String> divisions = new java.util.HashSet<>();
        f.incubators().stream().filter(x -> x.activeOn(day)).forEach(x -> divisions.add(x.division()));
        return divisions;
    }

    /** Person-times net of reversals from the target's first year through {@code through}. */
    private static long personTimes(Figures f, Target t, Node d, int through) {
        int from = firstYear(f, t);
        return f.training().stream().filter(c -> c.year() >= from && c.year() <= through)
                .filter(c -> d.cityWide() || f.hierarchy().within(c.traineeDivision(), d.code()))
                .mapToLong(TrainingCount::personTimes).sum();
    }

    /** The target's first year, else its plan's. */
    private static int firstYear(Figures f, Target t) {
        return t.firstYear != null ? t.firstYear : f.plan().firstYear;
    }
}
