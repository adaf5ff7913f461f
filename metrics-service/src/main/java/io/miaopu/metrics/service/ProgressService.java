package io.miaopu.metrics.service;

import io.miaopu.chassis.events.divisions.DivisionReplica;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
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
import java.util.Comparator;
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
    private static final String CLOCK = "select event_time from projection_clock where name = 'events'";
    /** The projections' state (the version of the clock's row, which every applying transaction writes) and the targets'. */
    private static final String STATE = "select coalesce((select cast(xmin as text) || ':' || cast(event_time as text) "
            + "from projection_clock where name = 'events'), '') || '|' || (select count(*) || ':' || coalesce(sum(version), 0) "
            + "from target)";

    private final AtomicReference<Object[]> cachedHierarchy = new AtomicReference<>();
    private final Map<Integer, Snapshot> snapshots = new java.util.concurrent.ConcurrentHashMap<>();
    private final DivisionReplica replica;

    public ProgressService(DivisionReplica replica) {
        this.replica = replica;
    }

    public static LocalDate today() {
        return LocalDate.now(CHINA);
    }

    public static int thisYear() {
        return today().getYear();
    }

    /** Every target for a division the service chooses (the city, for the snapshot and the default). */
    @WithSession
    public Uni<ProgressApi.Progress> progress(int year, String division) {
        return hierarchy().chain(tree -> answer(year, tree, "progress " + division, f -> Measures.progress(f, division)));
    }

    /** Every target for a division the caller asks for: an active division (400 otherwise) within its jurisdiction (403). */
    @WithSession
    public Uni<ProgressApi.Progress> progress(int year, String division, Caller caller) {
        return hierarchy().chain(tree -> {
            if (tree.get(division) == null) {
                throw Inputs.invalid(ProblemType.VALIDATION, "division", "unknown division", "辖区不存在");
            }
            return Jurisdiction.requireRead(caller, division, replica)
                    .chain(() -> answer(year, tree, "progress " + division, f -> Measures.progress(f, division)));
        });
    }

    /** The report: every target for the city and the county table, from one read. */
    public record Report(ProgressApi.Progress progress, ProgressApi.Counties counties) {
    }

    @WithSession
    public Uni<Report> report(int year, String city) {
        return hierarchy().chain(tree -> snapshot(year, tree)).map(snapshot -> new Report(
                snapshot.answer("progress " + city, f -> Measures.progress(f, city)), snapshot.answer("counties", Measures::counties)));
    }

    @WithSession
    public Uni<ProgressApi.Counties> counties(int year) {
        return hierarchy().chain(tree -> answer(year, tree, "counties", Measures::counties));
    }

    /** The drill-down of an active division (404 otherwise) within the caller's jurisdiction (403). */
    @WithSession
    public Uni<ProgressApi.Drilldown> drilldown(int year, String code, int limit, Caller caller) {
        return hierarchy().chain(tree -> {
            if (tree.get(code) == null) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No active division " + code + ".", "辖区不存在或已撤销。");
            }
            return Jurisdiction.requireRead(caller, code, replica).chain(() -> figures(year, tree));
        }).map(f -> Measures.drilldown(f, code, limit));
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

    @WithSession
    public Uni<ProgressApi.Yearly> yearly() {
        return Target.<Target>list("kind = ?1 order by id", Target.Kind.NEW_PER_YEAR).chain(targets -> {
            int first = targets.stream().mapToInt(t -> t.firstYear == null ? t.dueYear : t.firstYear).min().orElse(2021);
            int last = targets.stream().mapToInt(t -> t.dueYear).max().orElse(2025);
            return newPerYear(first, last).chain(counts -> clock().map(asOf -> {
                List<ProgressApi.Year> years = new ArrayList<>();
                for (int year = first; year <= last; year++) {
                    List<ProgressApi.YearFigure> figures = new ArrayList<>();
                    for (Target t : targets) {
                        if (year < (t.firstYear == null ? t.dueYear : t.firstYear) || year > t.dueYear) {
                            continue;
                        }
                        long count = counts.getOrDefault(year + "|" + t.category, 0L);
                        long needed = t.threshold.setScale(0, RoundingMode.CEILING).longValueExact();
                        figures.add(new ProgressApi.YearFigure(t.id, t.category, count, t.threshold, count >= needed,
                                Math.max(0, needed - count)));
                    }
                    years.add(new ProgressApi.Year(year, figures));
                }
                return new ProgressApi.Yearly(years, asOf);
            }));
        });
    }

    /** Everything one year's figures need, in one chain of reads (one session, no parallel queries). */
    Uni<Figures> figures(int year, DivisionTree hierarchy) {
        return snapshot(year, hierarchy).map(Snapshot::figures);
    }

    /**
     * One year's figures as of the projections', the targets' and the hierarchy's state, and the answers
     * already measured from them: the same question is answered from memory until something changes.
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

    private <T> Uni<T> answer(int year, DivisionTree hierarchy, String question, java.util.function.Function<Figures, T> measure) {
        return snapshot(year, hierarchy).map(snapshot -> snapshot.answer(question, measure));
    }

    /**
     * The year's snapshot, read again only when it may differ: every transaction that applies events writes
     * the projection clock's row (a rebuild's swap brings a row of its own), so the row's version (xmin)
     * names the projections' state; a target revised raises its version; a changed hierarchy is a new tree;
     * a new day moves "today". Summing the tally (tens of thousands of rows at a province's scale) and
     * measuring every target on each request is what made progress slower as organizations grew.
     */
    private Uni<Snapshot> snapshot(int year, DivisionTree hierarchy) {
        LocalDate today = today();
        return Panache.getSession().chain(s -> s.createNativeQuery(STATE, String.class).getSingleResult())
                .chain(state -> {
                    Snapshot cached = snapshots.get(year);
                    if (cached != null && cached.state().equals(state) && cached.day().equals(today)
                            && cached.figures().hierarchy() == hierarchy) {
                        return Uni.createFrom().item(cached);
                    }
                    return read(year, hierarchy, today).map(figures -> {
                        Snapshot fresh = new Snapshot(state, today, figures, new java.util.concurrent.ConcurrentHashMap<>());
                        if (snapshots.size() > 16) {
                            snapshots.clear();
                        }
                        snapshots.put(year, fresh);
                        return fresh;
                    });
                });
    }

    private Uni<Figures> read(int year, DivisionTree hierarchy, LocalDate today) {
        LocalDate at = year < today.getYear() ? LocalDate.of(year, 12, 31) : today;
        double elapsed = year < today.getYear() ? 1.0 : (double) today.getDayOfYear() / today.lengthOfYear();
        return Target.<Target>listAll().chain(targets -> {
            List<Target> sorted = targets.stream().sorted(Comparator.comparingInt(Target::order)).toList();
            return rows(COMMUNITIES, Map.of("year", year)).chain(communityRows ->
                    newPerYear(year, year).chain(newInYear -> rows(FEDERATIONS, Map.of()).chain(federations ->
                            rows(DEMONSTRATIONS, Map.of()).chain(demonstrations -> rows(INCUBATORS, Map.of()).chain(incubators ->
                                    rows(TRAINING, Map.of("year", year)).chain(training ->
                                            clock().map(asOf -> new Figures(year, at, elapsed, sorted, hierarchy,
                                                    communities(communityRows), byCategory(newInYear, year), dated(federations),
                                                    dated(demonstrations), dated(incubators), trainingCounts(training),
                                                    asOf))))))));
        });
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
