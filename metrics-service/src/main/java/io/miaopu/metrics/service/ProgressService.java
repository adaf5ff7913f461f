package io.miaopu.metrics.service;

import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.metrics.config.MetricsConfig;
import io.miaopu.metrics.domain.Plan;
import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.service.Figures.CommunityCount;
import io.miaopu.metrics.service.Figures.Dated;
import io.miaopu.metrics.service.Figures.TrainingCount;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the precomputed projections (never the organizations one by one) into {@link Figures} in one
 * chain, and measures them with {@link Measures}. An organization exists while its status is not
 * DEREGISTERED; it counts from its registeredOn.
 */
@ApplicationScoped
public class ProgressService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final String HIERARCHY_STAMP = "select count(*), coalesce(max(revision), 0), "
            + "coalesce(cast(max(updated_at) as text), '') from division_replica";
    private static final String HIERARCHY = "select code, name, level, parent_code, kind from division_replica where active";
    /** Per community and category: existing at the end of the year, at the end of the year before, new in the year. */
    private static final String COMMUNITIES = "select community_code, category, "
            + "coalesce(sum(organizations) filter (where registered_year <= :year and gone_year > :year), 0), "
            + "coalesce(sum(organizations) filter (where registered_year < :year and gone_year >= :year), 0), "
            + "coalesce(sum(organizations) filter (where registered_year = :year), 0) "
            + "from community_tally group by community_code, category";
    private static final String NEW_PER_YEAR = "select registered_year, category, sum(organizations) from community_tally "
            + "where registered_year between :from and :to group by 1, 2";
    private static final String FEDERATIONS = "select township_code, 'TOWNSHIP', established_on, dissolved_on from federation_projection";
    private static final String DEMONSTRATIONS = "select division_code, '', certified_on, revoked_on from hub_demonstration_projection";
    private static final String INCUBATORS = "select division_code, level, opened_on, closed_on from incubator_projection";
    private static final String TRAINING = "select trainee_division, township_code, held_year, person_times "
            + "from training_tally where held_year <= :year";
    private static final String SESSIONS = "select organizing_division, held_year, person_times from session_tally "
            + "where held_year <= :year";
    /** The state a plan's figures are read from: the projections' version and the plan's targets' ({@link ProgressCache.FiguresState}). */
    private static final String STATE = "select " + ProjectionClock.VERSION + ", count(*), coalesce(sum(version), 0), "
            + "cast(max(updated_at) as text) from target where plan_id = :plan";

    private final ProgressCache cache = new ProgressCache();
    private final DivisionReplica replica;
    private final String cityCode;

    public ProgressService(DivisionReplica replica, MetricsConfig config) {
        this.replica = replica;
        this.cityCode = config.cityCode();
    }

    public static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    public static int thisYear() {
        return today().getYear();
    }

    /**
     * Every target of a plan for a division: the plan named, or the one the year picks (see {@link PlanLookup#choose});
     * the plan's division when none is asked for. A division asked for must exist in the year measured (400
     * otherwise) and lie within the caller's jurisdiction (403); a null caller is the service itself.
     */
    @WithSession
    public Uni<Measured<Measurements.Progress>> progress(String planId, Integer year, String division, Caller caller) {
        return PlanLookup.choose(planId, year, cityCode).chain(choice -> {
            String code = division == null ? choice.plan().divisionCode : division;
            return treeFor(choice.year()).chain(tree -> {
                if (division != null && tree.get(division) == null) {
                    throw Inputs.invalid(ProblemType.VALIDATION, "division", "unknown division", "辖区不存在");
                }
                Uni<Void> allowed = division == null ? readable(choice.plan(), caller)
                        : caller == null ? Uni.createFrom().voidItem() : Jurisdiction.requireRead(caller, division, replica);
                return allowed.chain(() -> snapshot(choice, tree)).map(snapshot -> progress(snapshot, code));
            }).map(p -> new Measured<>(choice.plan(), p));
        });
    }

    /** An answer and the plan it measures. */
    public record Measured<T>(Plan plan, T answer) {
    }

    /** The report: every target for the plan's division and the county table, from one read. */
    public record Report(Plan plan, Measurements.Progress progress, Measurements.Counties counties) {
    }

    /**
     * Every role reads the city's figures; a plan of another division (a county's) is read within jurisdiction only,
     * like that division's drill-down (403 outside). A null caller is the service itself.
     */
    public Uni<Void> readable(Plan plan, Caller caller) {
        return caller == null || cityCode.equals(plan.divisionCode) ? Uni.createFrom().voidItem()
                : Jurisdiction.requireRead(caller, plan.divisionCode, replica);
    }

    @WithSession
    public Uni<Report> report(String planId, Integer year, Caller caller) {
        return PlanLookup.choose(planId, year, cityCode).call(choice -> readable(choice.plan(), caller)).chain(choice -> treeFor(choice.year())
                .chain(tree -> snapshot(choice, tree)).map(snapshot -> new Report(choice.plan(),
                        progress(snapshot, choice.plan().divisionCode), counties(snapshot))));
    }

    @WithSession
    public Uni<Measured<Measurements.Counties>> counties(String planId, Integer year, Caller caller) {
        return PlanLookup.choose(planId, year, cityCode).call(choice -> readable(choice.plan(), caller)).chain(choice -> treeFor(choice.year())
                .chain(tree -> snapshot(choice, tree)).map(snapshot -> new Measured<>(choice.plan(), counties(snapshot))));
    }

    /** The drill-down of a division of the year measured (404 otherwise) within the caller's jurisdiction (403). */
    @WithSession
    public Uni<Measured<Measurements.Drilldown>> drilldown(String planId, Integer year, String code, int limit, Caller caller) {
        return PlanLookup.choose(planId, year, cityCode).chain(choice -> treeFor(choice.year()).chain(tree -> {
            if (tree.get(code) == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No active division " + code + ".", "辖区不存在或已撤销。");
            }
            return Jurisdiction.requireRead(caller, code, replica).chain(() -> snapshot(choice, tree));
        }).map(snapshot -> new Measured<>(choice.plan(), Measures.drilldown(snapshot.figures(), code, limit))));
    }

    /** One year of a plan measured for the evaluation: the same figures the progress endpoints answer from. */
    Uni<Figures> figures(Plan plan, int year) {
        PlanLookup.Choice choice = new PlanLookup.Choice(plan, year);
        return treeFor(year).chain(tree -> snapshot(choice, tree)).map(ProgressCache.Snapshot::figures);
    }

    /**
     * The hierarchy a year is measured on: as it stood on 31 December for a past year, today's for the
     * current year (a community retired in 2026 still counts for 2025).
     */
    Uni<DivisionTree> treeFor(int year) {
        LocalDate today = today();
        return year < today.getYear() ? hierarchyOn(LocalDate.of(year, 12, 31)) : hierarchy();
    }

    /** The active divisions, read again only when the replica's stamp moved ({@link ProgressCache#tree}). */
    Uni<DivisionTree> hierarchy() {
        return hierarchyStamp().chain(stamp -> {
            DivisionTree kept = cache.tree(stamp);
            if (kept != null) {
                return Uni.createFrom().item(kept);
            }
            return Panache.getSession().chain(s -> s.createNativeQuery(HIERARCHY, Object[].class).getResultList())
                    .map(rows -> cache.keepTree(stamp, new DivisionTree(rows)));
        });
    }

    private static Uni<ProgressCache.HierarchyStamp> hierarchyStamp() {
        return Panache.getSession().chain(s -> s.createNativeQuery(HIERARCHY_STAMP, Object[].class).getSingleResult())
                .map(r -> new ProgressCache.HierarchyStamp(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2]));
    }

    /**
     * The hierarchy as it stood on a past day, from the replica's dated versions; read again only when the replica
     * changed (its versions change in the same transactions as its rows, so the same stamp tells).
     */
    Uni<DivisionTree> hierarchyOn(LocalDate day) {
        return hierarchyStamp().chain(stamp -> {
            DivisionTree kept = cache.treeOn(day, stamp);
            if (kept != null) {
                return Uni.createFrom().item(kept);
            }
            return replica.asOf(day).map(rows -> cache.keepTreeOn(day, stamp, new DivisionTree(rows)));
        });
    }

    /** New organizations per year of the plan's yearly targets, each year against the figures in force for it. */
    @WithSession
    public Uni<Measured<Measurements.Yearly>> yearly(String planId, Caller caller) {
        Uni<Plan> plan = planId == null ? PlanLookup.choose(null, null, cityCode).map(PlanLookup.Choice::plan) : PlanLookup.require(planId);
        return plan.call(p -> readable(p, caller)).chain(p -> Target.<Target>list("planId = ?1 and kind = ?2 order by position", p.id, Target.Kind.NEW_PER_YEAR)
                .chain(targets -> {
                    int first = targets.stream().mapToInt(t -> t.firstYear == null ? t.dueYear : t.firstYear).min().orElse(p.firstYear);
                    int last = targets.stream().mapToInt(t -> t.dueYear).max().orElse(p.lastYear);
                    return newPerYear(first, last).chain(counts -> yearsFrom(p, first, last, counts, new ArrayList<>()))
                            .chain(years -> clock().map(asOf -> new Measured<>(p, new Measurements.Yearly(p.id, years, asOf))));
                }));
    }

    /** Year by year in one chain (one session, no parallel queries). */
    private Uni<List<Measurements.Year>> yearsFrom(Plan plan, int year, int last, Map<String, Long> counts, List<Measurements.Year> done) {
        if (year > last) {
            return Uni.createFrom().item(done);
        }
        return PlanLookup.targetsFor(plan, year).chain(targets -> {
            List<Measurements.YearFigure> figures = new ArrayList<>();
            for (Target t : targets) {
                if (t.kind != Target.Kind.NEW_PER_YEAR || year < (t.firstYear == null ? t.dueYear : t.firstYear) || year > t.dueYear) {
                    continue;
                }
                long count = counts.getOrDefault(year + "|" + t.category, 0L);
                long needed = t.threshold.setScale(0, RoundingMode.CEILING).longValueExact();
                figures.add(new Measurements.YearFigure(t.id, t.category, count, t.threshold, count >= needed,
                        Math.max(0, needed - count)));
            }
            done.add(new Measurements.Year(year, figures));
            return yearsFrom(plan, year + 1, last, counts, done);
        });
    }

    private static Measurements.Progress progress(ProgressCache.Snapshot snapshot, String division) {
        return snapshot.progress(division, () -> Measures.progress(snapshot.figures(), division));
    }

    private static Measurements.Counties counties(ProgressCache.Snapshot snapshot) {
        return snapshot.counties(() -> Measures.counties(snapshot.figures()));
    }

    /**
     * The plan's year's snapshot: kept while the state it was read from holds (the staleness rule is
     * {@link ProgressCache.Snapshot#holdsFor}'s), read again otherwise.
     */
    private Uni<ProgressCache.Snapshot> snapshot(PlanLookup.Choice choice, DivisionTree hierarchy) {
        LocalDate today = today();
        String plan = choice.plan().id;
        int year = choice.year();
        return Panache.getSession().chain(s -> s.createNativeQuery(STATE, Object[].class).setParameter("plan", plan).getSingleResult())
                .map(r -> new ProgressCache.FiguresState((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                        (String) r[3]))
                .chain(state -> {
                    ProgressCache.Snapshot kept = cache.snapshot(plan, year, state, today, hierarchy);
                    if (kept != null) {
                        return Uni.createFrom().item(kept);
                    }
                    return read(choice, hierarchy, today).map(figures -> cache.keep(plan, year, state, today, figures));
                });
    }

    private Uni<Figures> read(PlanLookup.Choice choice, DivisionTree hierarchy, LocalDate today) {
        int year = choice.year();
        LocalDate at = year < today.getYear() ? LocalDate.of(year, 12, 31) : today;
        double elapsed = year < today.getYear() ? 1.0 : (double) today.getDayOfYear() / today.lengthOfYear();
        return PlanLookup.targetsFor(choice.plan(), year).chain(targets ->
                rows(COMMUNITIES, Map.of("year", year)).chain(communityRows ->
                        newPerYear(year, year).chain(newInYear -> rows(FEDERATIONS, Map.of()).chain(federations ->
                                rows(DEMONSTRATIONS, Map.of()).chain(demonstrations -> rows(INCUBATORS, Map.of()).chain(incubators ->
                                        rows(TRAINING, Map.of("year", year)).chain(training ->
                                                rows(SESSIONS, Map.of("year", year)).chain(sessions ->
                                                        clock().map(asOf -> new Figures(choice.plan(), year, at, elapsed, targets,
                                                                hierarchy, communities(communityRows), byCategory(newInYear, year),
                                                                dated(federations), dated(demonstrations), dated(incubators),
                                                                trainingCounts(training), sessionCounts(sessions), asOf))))))))));
    }

    private static Map<String, CommunityCount> communities(List<Object[]> rows) {
        Map<String, long[]> totals = new HashMap<>();
        Map<String, Map<String, Long>> newInYear = new HashMap<>();
        for (Object[] r : rows) {
            long[] t = totals.computeIfAbsent((String) r[0], k -> new long[2]);
            t[0] += ((Number) r[2]).longValue();
            t[1] += ((Number) r[3]).longValue();
            newInYear.computeIfAbsent((String) r[0], k -> new HashMap<>()).merge((String) r[1], ((Number) r[4]).longValue(), Long::sum);
        }
        Map<String, CommunityCount> counts = new HashMap<>();
        totals.forEach((code, t) -> counts.put(code, new CommunityCount(t[0], t[1], newInYear.get(code))));
        return counts;
    }

    private static Map<String, Long> byCategory(Map<String, Long> counts, int year) {
        Map<String, Long> result = new HashMap<>();
        counts.forEach((key, count) -> {
            if (key.startsWith(year + "|")) {
                result.put(key.substring(key.indexOf('|') + 1), count);
            }
        });
        return result;
    }

    private static List<Dated> dated(List<Object[]> rows) {
        return rows.stream().map(r -> new Dated((String) r[0], (String) r[1], (LocalDate) r[2], (LocalDate) r[3])).toList();
    }

    private static List<Figures.SessionCount> sessionCounts(List<Object[]> rows) {
        return rows.stream().map(r -> new Figures.SessionCount((String) r[0], ((Number) r[1]).intValue(),
                ((Number) r[2]).longValue())).toList();
    }

    private static List<TrainingCount> trainingCounts(List<Object[]> rows) {
        return rows.stream().map(r -> new TrainingCount((String) r[0], (String) r[1], ((Number) r[2]).intValue(),
                ((Number) r[3]).longValue())).toList();
    }

    /** "year|category" → organizations registered or filed in that year. */
    private Uni<Map<String, Long>> newPerYear(int from, int to) {
        return rows(NEW_PER_YEAR, Map.of("from", from, "to", to)).map(rows -> {
            Map<String, Long> counts = new HashMap<>();
            rows.forEach(r -> counts.put(((Number) r[0]).intValue() + "|" + r[1], ((Number) r[2]).longValue()));
            return counts;
        });
    }

    private static Uni<List<Object[]>> rows(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    private Uni<OffsetDateTime> clock() {
        return Panache.getSession().chain(s -> s.createNativeQuery(ProjectionClock.AS_OF, OffsetDateTime.class).getResultList())
                .map(times -> times.isEmpty() ? null : times.get(0));
    }

    static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}
