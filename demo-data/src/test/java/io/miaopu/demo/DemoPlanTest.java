package io.miaopu.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.miaopu.demo.Hierarchy.Division;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data plan, without servers: built from the seeded hierarchy (incubation-service's division
 * files, as the migration loads them), it is deterministic, covers every county-level unit with
 * communities, both categories and every year of the plan, and leaves every target partly met.
 */
class DemoPlanTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    static final Map<String, String> COUNTIES = new LinkedHashMap<>();

    static {
        COUNTIES.put("511102", "市中区");
        COUNTIES.put("511111", "沙湾区");
        COUNTIES.put("511112", "五通桥区");
        COUNTIES.put("511113", "金口河区");
        COUNTIES.put("511123", "犍为县");
        COUNTIES.put("511124", "井研县");
        COUNTIES.put("511126", "夹江县");
        COUNTIES.put("511129", "沐川县");
        COUNTIES.put("511132", "峨边彝族自治县");
        COUNTIES.put("511133", "马边彝族自治县");
        COUNTIES.put("511181", "峨眉山市");
        COUNTIES.put("5111GX", "乐山高新区");
    }

    static Hierarchy hierarchy;
    static DemoPlan plan;

    @BeforeAll
    static void build() throws IOException {
        hierarchy = seededHierarchy();
        plan = DemoPlan.build(hierarchy, DemoPlan.DEFAULT_SEED, TODAY);
    }

    /** The hierarchy as V3__SeedLeshanDivisions seeds it, from the same files. */
    static Hierarchy seededHierarchy() throws IOException {
        Path root = Path.of(System.getProperty("miaopu.project.root", ".."));
        Path dir = root.resolve("incubation-service/src/main/resources/divisions");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..").resolve("incubation-service/src/main/resources/divisions");
        }
        List<Division> all = new ArrayList<>();
        all.add(new Division("51", "四川省", "PROVINCE", null, null));
        all.add(new Division("5111", "乐山市", "CITY", "51", null));
        COUNTIES.forEach((code, name) -> all.add(new Division(code, name, "COUNTY", "5111",
                code.endsWith("GX") ? "FUNCTIONAL_ZONE" : name.endsWith("区") ? "DISTRICT" : "COUNTY")));
        for (String line : Files.readAllLines(dir.resolve("leshan_streets.csv"), StandardCharsets.UTF_8)) {
            String[] f = line.split(",");
            int segment = Integer.parseInt(f[0].substring(6, 9));
            all.add(new Division(f[0], f[1].replace("\"", ""), "TOWNSHIP", f[2],
                    segment < 100 ? "STREET" : segment < 200 ? "TOWN" : "TOWNSHIP"));
        }
        for (String line : Files.readAllLines(dir.resolve("leshan_villages.csv"), StandardCharsets.UTF_8)) {
            String[] f = line.split(",");
            int segment = Integer.parseInt(f[0].substring(9, 12));
            all.add(new Division(f[0], f[1].replace("\"", ""), "VILLAGE", f[2],
                    segment < 200 ? "URBAN_COMMUNITY" : "RURAL_COMMUNITY"));
        }
        return new Hierarchy(all);
    }

    @Test
    void theSameSeedPlansTheSameData() {
        DemoPlan again = DemoPlan.build(hierarchy, DemoPlan.DEFAULT_SEED, TODAY);
        assertEquals(plan.organizations, again.organizations);
        assertEquals(plan.federations, again.federations);
        assertEquals(plan.demonstrations, again.demonstrations);
        assertEquals(plan.incubators, again.incubators);
        assertEquals(plan.enrollments, again.enrollments);
        assertEquals(plan.venues, again.venues);
        assertEquals(plan.fundings, again.fundings);
        assertEquals(plan.trainees, again.trainees);
        assertEquals(plan.sessions, again.sessions);
        assertFalse(plan.organizations.equals(DemoPlan.build(hierarchy, 7, TODAY).organizations), "another seed, another set");
    }

    @Test
    void aFewThousandOrganizationsInEveryCountyBothKindsAndCategoriesEveryYear() {
        int n = plan.organizations.size();
        assertTrue(n >= 3000 && n <= 9000, "a few thousand: " + n);
        for (Division county : hierarchy.counties()) {
            List<Division> villages = hierarchy.under(county.code(), "VILLAGE");
            if (villages.isEmpty()) {
                continue; // 乐山高新区: its members are assigned by the city bureau; seeded empty
            }
            for (boolean urban : new boolean[] {true, false}) {
                assertTrue(plan.organizations.stream().anyMatch(o -> county.code().equals(o.countyCode()) && o.urban() == urban),
                        county.name() + (urban ? " urban" : " rural"));
            }
            for (String category : List.of("FUNCTIONAL_SERVICE", "INTEREST_VOLUNTEER")) {
                assertTrue(plan.organizations.stream().anyMatch(o -> county.code().equals(o.countyCode())
                        && category.equals(o.category())), county.name() + " " + category);
            }
        }
        for (int year = 2021; year <= 2025; year++) {
            for (String category : List.of("FUNCTIONAL_SERVICE", "INTEREST_VOLUNTEER")) {
                assertTrue(plan.newInYear(category, year) > 0, category + " " + year);
            }
        }
        Set<String> classes = plan.organizations.stream().map(DemoPlan.Org::managementClass).collect(Collectors.toSet());
        assertEquals(Set.of("REGISTERED", "TOWNSHIP_MANAGED", "COMMUNITY_GUIDED"), classes);
        Set<String> statuses = plan.organizations.stream().map(DemoPlan.Org::status).collect(Collectors.toSet());
        assertEquals(Set.of("ACTIVE", "ABNORMAL", "SUSPENDED", "DEREGISTERED"), statuses);
    }

    @Test
    void organizationsMeetTheRegistrysRules() {
        Set<String> keys = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (DemoPlan.Org o : plan.organizations) {
            assertTrue(keys.add(o.key()), "one name per community: " + o.key());
            assertTrue(o.name().length() <= 200);
            assertFalse(o.registeredOn().isAfter(TODAY), o.key());
            assertTrue(o.establishedOn() == null || !o.establishedOn().isAfter(o.registeredOn()), o.key());
            assertTrue(hierarchy.get(o.communityCode()) != null && "VILLAGE".equals(hierarchy.get(o.communityCode()).level()));
            if ("REGISTERED".equals(o.managementClass())) {
                assertTrue(CreditCodes.valid(o.creditCode()), o.creditCode());
                assertEquals('5', o.creditCode().charAt(0));
                assertTrue(codes.add(o.creditCode()), "unique credit code " + o.creditCode());
                assertTrue(o.legalForm() != null);
            } else {
                assertEquals(null, o.creditCode());
                assertEquals(null, o.legalForm());
            }
            assertTrue(o.leaderPhone() == null || o.leaderPhone().matches("1[3-9]\\d{9}"));
        }
        assertTrue(CreditCodes.valid("53100000500019795A"));
        assertTrue(CreditCodes.valid("51100000500002862F"));
    }

    @Test
    void everyTargetShowsProgressAndNotAllAreMet() {
        List<DemoPlan.Expected> expected = plan.expected(2025);
        assertEquals(List.of("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12", "T13"),
                expected.stream().map(DemoPlan.Expected::target).toList());
        for (DemoPlan.Expected e : expected) {
            System.out.printf("%-4s value %.4f threshold %s met %s (%d / %s)%n", e.target(), e.value(), e.threshold(), e.met(),
                    e.numerator(), e.denominator());
            assertTrue(e.value() > 0, e.target() + " shows progress");
        }
        Map<String, DemoPlan.Expected> byId = expected.stream().collect(Collectors.toMap(DemoPlan.Expected::target, e -> e));
        assertTrue(expected.stream().anyMatch(DemoPlan.Expected::met), "some met");
        assertTrue(expected.stream().filter(e -> !e.met()).count() >= 6, "most not yet");
        // Tiers: some counties meet their thresholds, some do not.
        for (String tier : List.of("T3", "T4", "T5")) {
            assertTrue(byId.get(tier).value() > 0 && byId.get(tier).value() < 1, tier + " partly met");
        }
        // The yearly targets: met in some years, missed in others.
        for (String category : List.of("FUNCTIONAL_SERVICE", "INTEREST_VOLUNTEER")) {
            long metYears = java.util.stream.IntStream.rangeClosed(2021, 2025).filter(y -> plan.newInYear(category, y) >= 100).count();
            assertTrue(metYears > 0 && metYears < 5, category + " met in " + metYears + " of 5 years");
        }
        for (String t : List.of("T1", "T2", "T8", "T9", "T11", "T12", "T13")) {
            assertFalse(byId.get(t).met(), t + " not yet met");
        }
    }

    @Test
    void structuresAndTrainingAreConsistent() {
        Map<String, DemoPlan.Org> byKey = new LinkedHashMap<>();
        plan.organizations.forEach(o -> byKey.put(o.key(), o));
        Set<String> townships = new HashSet<>();
        for (DemoPlan.Federation f : plan.federations) {
            DemoPlan.Org o = byKey.get(f.organizationKey());
            assertTrue(o != null && o.hubType() && "ACTIVE".equals(o.status()), f.name());
            assertTrue(hierarchy.within(o.communityCode(), f.townshipCode()), f.name());
            assertTrue(townships.add(f.townshipCode()), "one federation per township");
            assertFalse(o.registeredOn().isAfter(f.establishedOn()));
        }
        Set<String> demonstrated = new HashSet<>();
        for (DemoPlan.Demonstration d : plan.demonstrations) {
            assertTrue(byKey.containsKey(d.organizationKey()));
            assertTrue(demonstrated.add(d.organizationKey()), "one certification per organization");
            assertTrue(d.revokedOn() == null || !d.revokedOn().isBefore(d.certifiedOn()));
        }
        Set<String> levels = plan.incubators.stream().map(DemoPlan.Incubator::level).collect(Collectors.toSet());
        assertEquals(Set.of("PROVINCE", "CITY", "COUNTY", "TOWNSHIP", "VILLAGE"), levels);
        Map<String, DemoPlan.Incubator> incubators = new LinkedHashMap<>();
        plan.incubators.forEach(i -> incubators.put(i.key(), i));
        for (DemoPlan.Enrollment e : plan.enrollments) {
            DemoPlan.Org o = byKey.get(e.organizationKey());
            assertTrue(o != null && "ACTIVE".equals(o.status()));
            assertFalse(e.startedOn().isBefore(incubators.get(e.incubatorKey()).openedOn()));
            assertTrue(e.graduatedOn() == null || e.graduatedOn().isAfter(e.startedOn()));
        }
        plan.venues.forEach(v -> assertTrue(byKey.containsKey(v.organizationKey())));
        plan.fundings.forEach(f -> assertTrue(byKey.containsKey(f.organizationKey()) && f.year() >= 2021 && f.year() <= 2025));
        Set<String> phones = new HashSet<>();
        plan.trainees.forEach(t -> assertTrue(phones.add(t.phone()) && t.phone().matches("1[3-9]\\d{9}")));
        Set<String> sessionKeys = new HashSet<>();
        for (DemoPlan.Session s : plan.sessions) {
            assertTrue(sessionKeys.add(s.key()), s.key());
            assertTrue(s.attendees().size() <= 2000 && !s.attendees().isEmpty());
            assertTrue(phones.containsAll(s.attendees()));
            assertTrue(s.attendees().containsAll(s.reversed()));
            assertFalse(s.heldOn().isAfter(TODAY));
            // Who attends may be seen by the session's organizer: the session's division holds them.
            for (String phone : s.attendees()) {
                DemoPlan.Trainee t = plan.trainees.stream().filter(x -> x.phone().equals(phone)).findFirst().orElseThrow();
                assertTrue(hierarchy.within(t.divisionCode(), s.organizingDivision()), s.title() + " " + t.divisionCode());
            }
        }
        assertTrue(plan.sessions.stream().anyMatch(s -> !s.reversed().isEmpty()));
    }

    @Test
    void plannedDatesAfterTodayAreLeftOut() {
        DemoPlan early = DemoPlan.build(hierarchy, DemoPlan.DEFAULT_SEED, LocalDate.of(2026, 3, 1));
        assertTrue(early.organizations.stream().noneMatch(o -> o.registeredOn().isAfter(LocalDate.of(2026, 3, 1))));
        assertTrue(early.organizations.size() < plan.organizations.size());
        assertEquals(plan.expected(2025), early.expected(2025), "the plan's years do not depend on today");
    }
}
