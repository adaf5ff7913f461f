package io.miaopu.training.service;

import io.miaopu.incubation.contract.replica.DivisionReplicaEntry;
import io.miaopu.chassis.security.Caller;
import io.miaopu.training.domain.Vocabulary.Format;
import io.miaopu.training.domain.Vocabulary.Role;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The training ledger of a division (培训台账): person-times net of reversals of trainees serving in
 * it, at sessions held in the period, and the township-level units whose talent has been trained.
 * Each (session, trainee) pair counts 0 or 1: its RECORDED entries minus its REVERSED ones.
 */
@ApplicationScoped
public class LedgerService {

    private static final String PAIRS = "select e.session_id, e.trainee_id, e.trainee_role, s.format, "
            + "cast(extract(year from s.held_on) as integer), e.township_code, "
            + "sum(case when e.kind = 'RECORDED' then 1 else 0 end), sum(case when e.kind = 'REVERSED' then 1 else 0 end) "
            + "from attendance_entry e join training_session s on s.id = e.session_id "
            + "where e.trainee_division in (:divisions) and s.held_on <= :to";

    private final Places places;

    public LedgerService(Places places) {
        this.places = places;
    }

    @WithSession
    public Uni<Training.Ledger> ledger(String division, LocalDate from, LocalDate to, Role role, Format format, Caller caller) {
        // Without from, every session up to the end counts: the period is the caller's to choose (a plan's years).
        LocalDate end = to == null ? Checks.today() : to;
        String sql = PAIRS + (from == null ? "" : " and s.held_on >= :from") + (role == null ? "" : " and e.trainee_role = :role")
                + (format == null ? "" : " and s.format = :format")
                + " group by e.session_id, e.trainee_id, e.trainee_role, s.format, s.held_on, e.township_code";
        String asked = division == null ? io.miaopu.chassis.security.Jurisdiction.readScopeOrForbid(caller) : division;
        return places.toList(asked, caller).chain(codes -> Panache.getSession().chain(session -> {
                    var query = session.createNativeQuery(sql, Object[].class)
                            .setParameter("divisions", codes).setParameter("to", end);
                    if (from != null) {
                        query.setParameter("from", from);
                    }
                    if (role != null) {
                        query.setParameter("role", role.name());
                    }
                    if (format != null) {
                        query.setParameter("format", format.name());
                    }
                    return query.getResultList();
                })
                .chain(pairs -> townships(codes).map(units -> summarize(asked, from, end, role, format,
                        pairs, units))));
    }

    /** The active township-level units among the divisions. */
    private Uni<List<DivisionReplicaEntry>> townships(List<String> codes) {
        return DivisionReplicaEntry.<DivisionReplicaEntry>list("code in ?1 and level = ?2 and active = true order by code",
                codes, Places.TOWNSHIP);
    }

    private static Training.Ledger summarize(String division, LocalDate from, LocalDate to, Role role, Format format,
                                                List<Object[]> pairs, List<DivisionReplicaEntry> units) {
        long recorded = 0;
        long reversed = 0;
        long net = 0;
        Set<String> trainees = new HashSet<>();
        Map<Role, Long> byRole = new EnumMap<>(Role.class);
        Map<Format, Long> byFormat = new EnumMap<>(Format.class);
        Map<Integer, Long> byYear = new TreeMap<>();
        Map<String, Long> byTownship = new HashMap<>();
        for (Object[] p : pairs) {
            long in = ((Number) p[6]).longValue();
            long out = ((Number) p[7]).longValue();
            recorded += in;
            reversed += out;
            long count = in - out;
            if (count <= 0) {
                continue;
            }
            net += count;
            trainees.add(p[1].toString());
            byRole.merge(Role.valueOf((String) p[2]), count, Long::sum);
            byFormat.merge(Format.valueOf((String) p[3]), count, Long::sum);
            byYear.merge(((Number) p[4]).intValue(), count, Long::sum);
            if (p[5] != null) {
                byTownship.merge((String) p[5], count, Long::sum);
            }
        }
        List<Training.TownshipCoverage> coverage = new ArrayList<>();
        for (DivisionReplicaEntry unit : units) {
            coverage.add(new Training.TownshipCoverage(unit.code, unit.name, byTownship.getOrDefault(unit.code, 0L)));
        }
        coverage.sort(Comparator.comparingLong(Training.TownshipCoverage::personTimes).thenComparing(Training.TownshipCoverage::code));
        long covered = coverage.stream().filter(c -> c.personTimes() > 0).count();
        Double share = units.isEmpty() ? null : (double) covered / units.size();
        return new Training.Ledger(division, from, to, role, format, net, recorded, reversed, trainees.size(), byRole, byFormat,
                byYear, covered, units.size(), share, coverage);
    }
}
