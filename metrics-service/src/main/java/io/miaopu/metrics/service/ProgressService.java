package io.miaopu.metrics.service;

import io.miaopu.chassis.events.divisions.DivisionReplicaEntry;
import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.rest.ProgressApi;
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
 * The plan's progress, from the projections and the targets' figures. An organization exists while
 * its status is not DEREGISTERED; it counts for a year from its registeredOn.
 */
@ApplicationScoped
public class ProgressService {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final String NEW_PER_YEAR = "select cast(extract(year from registered_on) as integer), category, count(*) "
            + "from organization_projection where registered_on >= :from and registered_on <= :to group by 1, 2";
    /** Every active community with its county-level unit, following parent links (the zone's members included). */
    private static final String COMMUNITIES = "with recursive down(code, county, level, kind, active) as ("
            + " select code, code, level, kind, active from division_replica where level = 'COUNTY' and active"
            + " union all select d.code, down.county, d.level, d.kind, d.active from division_replica d"
            + " join down on d.parent_code = down.code where d.active)"
            + " select code, county, kind from down where level = 'VILLAGE'";
    private static final String EXISTING = "select community_code, count(*) from organization_projection "
            + "where status <> 'DEREGISTERED' and registered_on <= :end group by community_code";

    public static int thisYear() {
        return LocalDate.now(CHINA).getYear();
    }

    @WithSession
    public Uni<ProgressApi.Yearly> yearly() {
        return Target.<Target>list("kind = ?1 order by id", Target.Kind.NEW_PER_YEAR).chain(targets -> {
            int first = targets.stream().mapToInt(t -> t.firstYear == null ? t.dueYear : t.firstYear).min().orElse(2021);
            int last = targets.stream().mapToInt(t -> t.dueYear).max().orElse(2025);
            return Panache.getSession().chain(s -> s.createNativeQuery(NEW_PER_YEAR, Object[].class)
                            .setParameter("from", LocalDate.of(first, 1, 1)).setParameter("to", LocalDate.of(last, 12, 31))
                            .getResultList())
                    .chain(rows -> asOf().map(asOf -> {
                        Map<String, Long> counts = new HashMap<>();
                        rows.forEach(r -> counts.put(((Number) r[0]).intValue() + "|" + r[1], ((Number) r[2]).longValue()));
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

    @WithSession
    public Uni<ProgressApi.Counties> counties(int year) {
        LocalDate end = LocalDate.of(year, 12, 31);
        return Target.<Target>list("kind in ?1", List.of(Target.Kind.TIER_AVERAGE, Target.Kind.CITY_AVERAGE))
                .chain(tiers -> DivisionReplicaEntry.<DivisionReplicaEntry>list("level = 'COUNTY' and active = true order by code")
                        .chain(counties -> Panache.getSession().chain(s -> s.createNativeQuery(COMMUNITIES, Object[].class)
                                        .getResultList())
                                .chain(communities -> Panache.getSession().chain(s -> s.createNativeQuery(EXISTING, Object[].class)
                                                .setParameter("end", end).getResultList())
                                        .chain(existing -> asOf().map(asOf -> {
                                            List<ProgressApi.County> rows = measure(tiers, counties, communities, existing);
                                            return new ProgressApi.Counties(year, city(tiers, rows), rows, asOf);
                                        })))));
    }

    /** The city's urban and rural communities against T1 and T2 (the CITY_AVERAGE targets of each kind). */
    private static ProgressApi.City city(List<Target> targets, List<ProgressApi.County> counties) {
        BigDecimal urban = targets.stream().filter(t -> t.kind == Target.Kind.CITY_AVERAGE && "URBAN".equals(t.category))
                .map(t -> t.threshold).findFirst().orElse(null);
        BigDecimal rural = targets.stream().filter(t -> t.kind == Target.Kind.CITY_AVERAGE && "RURAL".equals(t.category))
                .map(t -> t.threshold).findFirst().orElse(null);
        return new ProgressApi.City(
                average(counties.stream().mapToLong(c -> c.urban().communities()).sum(),
                        counties.stream().mapToLong(c -> c.urban().organizations()).sum(), urban),
                average(counties.stream().mapToLong(c -> c.rural().communities()).sum(),
                        counties.stream().mapToLong(c -> c.rural().organizations()).sum(), rural));
    }

    private static List<ProgressApi.County> measure(List<Target> tiers, List<DivisionReplicaEntry> counties,
                                                    List<Object[]> communities, List<Object[]> existing) {
        Map<String, Long> organizations = new HashMap<>();
        existing.forEach(r -> organizations.put((String) r[0], ((Number) r[1]).longValue()));
        Map<String, long[]> tally = new HashMap<>(); // county -> urban communities, urban orgs, rural communities, rural orgs
        for (Object[] c : communities) {
            long[] t = tally.computeIfAbsent((String) c[1], k -> new long[4]);
            long orgs = organizations.getOrDefault((String) c[0], 0L);
            if ("URBAN_COMMUNITY".equals(c[2])) {
                t[0]++;
                t[1] += orgs;
            } else {
                t[2]++;
                t[3] += orgs;
            }
        }
        List<ProgressApi.County> rows = new ArrayList<>();
        for (DivisionReplicaEntry county : counties) {
            Target tier = tiers.stream().filter(t -> t.kind == Target.Kind.TIER_AVERAGE && t.countyList().contains(county.code))
                    .findFirst().orElse(null);
            long[] t = tally.getOrDefault(county.code, new long[4]);
            rows.add(new ProgressApi.County(county.code, county.name, tier == null ? null : tier.id,
                    average(t[0], t[1], tier == null ? null : tier.urbanThreshold),
                    average(t[2], t[3], tier == null ? null : tier.ruralThreshold)));
        }
        return rows;
    }

    static ProgressApi.Average average(long communities, long organizations, BigDecimal threshold) {
        BigDecimal average = communities == 0 ? null
                : BigDecimal.valueOf(organizations).divide(BigDecimal.valueOf(communities), 2, RoundingMode.HALF_UP);
        if (threshold == null || communities == 0) {
            return new ProgressApi.Average(communities, organizations, average, threshold, null, null);
        }
        long needed = threshold.multiply(BigDecimal.valueOf(communities)).setScale(0, RoundingMode.CEILING).longValueExact();
        return new ProgressApi.Average(communities, organizations, average, threshold, organizations >= needed,
                Math.max(0, needed - organizations));
    }

    private Uni<OffsetDateTime> asOf() {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select event_time from projection_clock where name = 'events'", OffsetDateTime.class).getResultList())
                .map(times -> times.isEmpty() ? null : times.get(0));
    }
}
