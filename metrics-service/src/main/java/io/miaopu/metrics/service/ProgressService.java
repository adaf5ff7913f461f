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
import io.miaopu.metrics.rest.ProgressApi;
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
import java.util.concurrent.atomic.AtomicReference;

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
    private static final String CLOCK = "select event_time from projection_clock where name = 'events'";
    /** The projections' state (the version of the clock's row, which every applying transaction writes) and the plan's targets'. */
    private static final String STATE = "select coalesce((select cast(xmin as text) || ':' || cast(event_time as text) "
            + "from projection_clock where name = 'events'), '') || '|' || (select count(*) || ':' || coalesce(sum(version), 0) "
            + "|| ':' || coalesce(cast(max(updated_at) as text), '') from target where plan_id = :plan)";

    private final AtomicReference<Object[]> cachedHierarchy = new AtomicReference<>();
    private final Map<String, Snapshot> snapshots = new java.util.concurrent.ConcurrentHashMap<>();
    /** Trees of past days (31 December of the years asked), by day and replica stamp. */
    private final Map<String, DivisionTree> treesOn = new java.util.concurrent.ConcurrentHashMap<>();
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
    public Uni<Measured<ProgressApi.Progress>> progress(String planId, Integer year, String division, Caller caller) {
        return PlanLookup.choose(planId, year, cityCode).chain(choice -> {
            String code = division == null ? choice.plan().divisionCode : division;
            return treeFor(choice.year()).chain(tree -> {
                if (division != null && tree.get(division) == null) {
                    throw Inputs.invalid(ProblemType.VALIDATION, "division", "unknown division", "辖区不存在");
                }
                Uni<Void> allowed = division == null ? readable(choice.plan(), caller)
                        : caller == null ? Uni.createFrom().voidItem() : Jurisdiction.requireRead(caller, division, replica);
                return allowed.chain(() -> answer(choice, tree, "progress " + code, f -> Measures.progress(f, code)));
            }).map(p -> new Measured<>(choice.plan(), p));
        });
    }

    /** An answer and the plan it measures. */
    public record Measured<T>(Plan plan, T answer) {
    }

    /** The report: every target for the plan's division and the county table, from one read. */
    public record Report(Plan plan, ProgressApi.Progress progress, ProgressApi.Counties counties) {
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
                        snapshot.answer("progress " + choice.plan().divisionCode,
                                f -> Measures.progress(f, choice.plan().divisionCode)),
                        snapshot.answer("counties", Measures::counties))));
    }

    @WithSession
    public Uni<Measured<ProgressApi.Counties>> counties(String planId, Integer year, Caller caller) {
        return PlanLookup.choose(planId, year, cityCode).call(choice -> readable(choice.plan(), caller)).chain(choice -> treeFor(choice.year())
                .chain(tree -> answer(choice, tree, "counties", Measures::counties)).map(c -> new Measured<>(choice.plan(), c)));
    }

    /** The drill-down of a division of the year measured (404 otherwise) within the caller's jurisdiction (403). */
    @WithSession
    public Uni<Measured<ProgressApi.Drilldown>> drilldown(String planId, Integer year, String code, int limit, Caller caller) {
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
        return treeFor(year).chain(tree -> snapshot(choice, tree)).map(Snapshot::figures);
    }

    /**
     * The hierarchy a year is measured on: as it stood on 31 December for a past year, today's for the
     * current year (a community retired in 2026 still counts for 2025).
     */
    Uni<DivisionTree> treeFor(int year) {
        LocalDate today = today();
        return year < today.getYear() ? hierarchyOn(LocalDate.of(year, 12, 31)) : hierarchy();
    }

    /** The active divisions, read again only when the replica changed. */
    Uni<DivisionTree> hierarchy() {
        return Panache.getSession().chain(s -> s.createNativeQuery(HIERARCHY_STAMP, Object[].class).getSingleResult())
                .chain(stamp -> {
                    String key = stamp[0] + "|" + stamp[1] + "|" + stamp[2];
                    Object[] cached = cachedHierarchy.get();
                    if (cached != null && cached[0].equals(key)) {
                        return Uni.createFrom().item((DivisionTree) cached[1]);
                    }
                    return Panache.getSession().chain(s -> s.createNativeQuery(HIERARCHY, Object[].class).getResultList())
                            .map(rows -> {
                                DivisionTree built = new DivisionTree(rows);
                                cachedHierarchy.set(new Object[] {key, built});
                                return built;
                            });
                });
    }

    /**
     * The hierarchy as it stood on a past day, from the replica's dated versions; read again only when the replica
     * changed (its versions change in the same transactions as its rows, so the same stamp tells).
     */
    Uni<DivisionTree> hierarchyOn(LocalDate day) {
        return Panache.getSession().chain(s -> s.createNativeQuery(HIERARCHY_STAMP, Object[].class).getSingleResult())
                .chain(stamp -> {
                    String key = day + "|" + stamp[0] + "|" + stamp[1] + "|" + stamp[2];
                    DivisionTree cached = treesOn.get(key);
                    if (cached != null) {
                        return Uni.createFrom().item(cached);
                    }
                    return replica.asOf(day).map(rows -> {
                        DivisionTree built = new DivisionTree(rows);
                        if (treesOn.size() > 16) {
                            treesOn.clear();
                        }
                        treesOn.put(key, built);
                        return built;
                    });
                });
    }

    /** New organizations per year of the plan's yearly targets, each year against the figures in force for it. */
    @WithSession
    public Uni<Measured<ProgressApi.Yearly>> yearly(String planId, Caller caller) {
        Uni<Plan> plan = planId == null ? PlanLookup.choose(null, null, cityCode).map(PlanLookup.Choice::plan) : PlanLookup.require(planId);
        return plan.call(p -> readable(p, caller)).chain(p -> Target.<Target>list("planId = ?1 and kind = ?2 order by position", p.id, Target.Kind.NEW_PER_YEAR)
                .chain(targets -> {
                    int first = targets.stream().mapToInt(t -> t.firstYear == null ? t.dueYear : t.firstYear).min().orElse(p.firstYear);
                    int last = targets.stream().mapToInt(t -> t.dueYear).max().orElse(p.lastYear);
                    return newPerYear(first, last).chain(counts -> yearsFrom(p, first, last, counts, new ArrayList<>()))
                            .chain(years -> clock().map(asOf -> new Measured<>(p, new ProgressApi.Yearly(p.id, years, asOf))));
                }));
    }

    /** Year by year in one chain (one session, no parallel queries). */
    private Uni<List<ProgressApi.Year>> yearsFrom(Plan plan, int year, int last, Map<String, Long> counts, List<ProgressApi.Year> done) {
        if (year > last) {
            return Uni.createFrom().item(done);
        }
        return PlanLookup.targetsFor(plan, year).chain(targets -> {
            List<ProgressApi.YearFigure> figures = new ArrayList<>();
            for (Target t : targets) {
                if (t.kind != Target.Kind.NEW_PER_YEAR || year < (t.firstYear == null ? t.dueYear : t.firstYear) || year > t.dueYear) {
                    continue;
                }
                long count = counts.getOrDefault(year + "|" + t.category, 0L);
                long needed = t.threshold.setScale(0, RoundingMode.CEILING).longValueExact();
                figures.add(new ProgressApi.YearFigure(t.id, t.category, count, t.threshold, count >= needed,
                        Math.max(0, needed - count)));
            }
            done.add(new ProgressApi.Year(year, figures));
            return yearsFrom(plan, year + 1, last, counts, done);
        });
    }

    /**
     * One year's figures of a plan as of the projections', the plan's targets' and the hierarchy's state, and the
     * answers already measured from them: the same question is answered from memory until something changes.
     */
    private record Snapshot(String state, LocalDate day, Figures figures, Map<String, Object> answers) {

        /** At most this many answers kept (the city, its counties and the divisions drilled into most). */
        static final int MAX_ANSWERS = 512;

        @SuppressWarnings("unchecked")
        <T> T answer(String question, java.util.function.Function<Figures, T> measure) {
            Object known = answers.get(question);
            if (known != null) {
                return (T) known;
            }
            T measured = measure.apply(figures); // outside any lock: two callers may measure the same once each
            if (answers.size() < MAX_ANSWERS) {
                answers.putIfAbsent(question, measured);
            }
            return measured;
        }
    }

    private <T> Uni<T> answer(PlanLookup.Choice choice, DivisionTree hierarchy, String question,
                              java.util.function.Function<Figures, T> measure) {
        return snapshot(choice, hierarchy).map(snapshot -> snapshot.answer(question, measure));
    }

    /**
     * The plan's year's snapshot, read again only when it may differ: every transaction that applies events writes
     * the projection clock's row (a rebuild's swap brings a row of its own), so the row's version (xmin) names the
     * projections' state; a target revised or edited raises its version and time; a changed hierarchy is a new tree;
     * a new day moves "today". Summing the tally (tens of thousands of rows at a province's scale) and measuring
     * every target on each request is what made progress slower as organizations grew.
     */
    private Uni<Snapshot> snapshot(PlanLookup.Choice choice, DivisionTree hierarchy) {
        LocalDate today = today();
        String key = choice.plan().id + "|" + choice.year();
        return Panache.getSession().chain(s -> s.createNativeQuery(STATE, String.class).setParameter("plan", choice.plan().id)
                        .getSingleResult())
                .chain(state -> {
                    Snapshot cached = snapshots.get(key);
                    if (cached != null && cached.state().equals(state) && cached.day().equals(today)
                            && cached.figures().hierarchy() == hierarchy) {
                        return Uni.createFrom().item(cached);
                    }
                    return read(choice, hierarchy, today).map(figures -> {
                        Snapshot fresh = new Snapshot(state, today, figures, new java.util.concurrent.ConcurrentHashMap<>());
                        if (snapshots.size() > 32) {
                            snapshots.clear();
                        }
                        snapshots.put(key, fresh);
                        return fresh;
                    });
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
        return Panache.getSession().chain(s -> s.createNativeQuery(CLOCK, OffsetDateTime.class).getResultList())
                .map(times -> times.isEmpty() ? null : times.get(0));
    }

    static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }
}
