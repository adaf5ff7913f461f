package io.miaopu.demo;

import io.miaopu.demo.Hierarchy.Division;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo data set as data: every organization, structure, trainee and training session, derived
 * from the division hierarchy, a seed and today's date alone (no I/O), so that every run plans the
 * same set and a rerun finds everything already there. docs/demo-data.md describes it.
 *
 * <p>Identities that a rerun looks up: an organization by its community and name, a federation by its
 * township, a hub demonstration by its organization, an incubator by its division and name, an
 * enrollment by incubator and organization, venue support by organization and venue, funding by
 * organization, year and project title, a trainee by phone, a session by organizing division and title.
 */
public final class DemoPlan {

    public static final long DEFAULT_SEED = 20220302L;
    static final int FIRST_YEAR = 2021;
    static final int DUE_YEAR = 2025;
    static final LocalDate PLAN_END = LocalDate.of(DUE_YEAR, 12, 31);
    /** The city's plan the demo measures, and the demonstration plan written after it (not an official plan). */
    static final String PLAN = "leshan-2021-2025";
    static final String NEXT_PLAN = "leshan-2026-2030";
    static final String NEXT_PLAN_NAME = "乐山市培育发展社区社会组织专项行动（2026—2030年，演示）";
    static final int NEXT_FIRST_YEAR = DUE_YEAR + 1;
    /** The 2026–2030 plan's figures: the 2021–2025 targets with higher thresholds (demonstration values). */
    static final Map<String, Map<String, Object>> NEXT_PLAN_FIGURES = new java.util.LinkedHashMap<>();

    static {
        NEXT_PLAN_FIGURES.put("T1", Map.of("threshold", 15));
        NEXT_PLAN_FIGURES.put("T2", Map.of("threshold", 7));
        NEXT_PLAN_FIGURES.put("T3", Map.of("urbanThreshold", 18, "ruralThreshold", 10));
        NEXT_PLAN_FIGURES.put("T4", Map.of("urbanThreshold", 15, "ruralThreshold", 8));
        NEXT_PLAN_FIGURES.put("T5", Map.of("urbanThreshold", 12, "ruralThreshold", 6));
        NEXT_PLAN_FIGURES.put("T6", Map.of("threshold", 120));
        NEXT_PLAN_FIGURES.put("T7", Map.of("threshold", 120));
        NEXT_PLAN_FIGURES.put("T9", Map.of("threshold", 0.9));
        NEXT_PLAN_FIGURES.put("T10", Map.of("threshold", 2500));
        NEXT_PLAN_FIGURES.put("T11", Map.of("threshold", 40, "options", Map.of("demonstrations", "CUMULATIVE")));
        NEXT_PLAN_FIGURES.put("T12", Map.of("dueYear", NEXT_FIRST_YEAR + 4, "options",
                Map.of("levels", List.of("PROVINCE", "CITY", "COUNTY", "TOWNSHIP"))));
    }
    static final LocalDate AFTER_PLAN_LAST = LocalDate.of(2026, 10, 30);

    /**
     * Organizations per urban / rural community in each county-level unit (those of 2026 included): chosen
     * so that some (county, kind) pairs meet their tier (T3–T5) with a margin of about 5 % and most do not,
     * and the city stays below T1/T2.
     */
    static final Map<String, double[]> MEANS = Map.ofEntries(
            Map.entry("511102", new double[] {16.6, 3.0}),   // 市中区, tier A: urban met
            Map.entry("511111", new double[] {9.0, 2.0}),    // 沙湾区, tier A
            Map.entry("511112", new double[] {8.5, 2.4}),    // 五通桥区, tier A
            Map.entry("511126", new double[] {15.9, 8.6}),   // 夹江县, tier A: both met
            Map.entry("511181", new double[] {11.0, 3.2}),   // 峨眉山市, tier A
            Map.entry("511123", new double[] {6.0, 1.3}),    // 犍为县, tier B
            Map.entry("511124", new double[] {12.8, 6.5}),   // 井研县, tier B: both met
            Map.entry("511129", new double[] {5.0, 1.2}),    // 沐川县, tier B
            Map.entry("511113", new double[] {11.0, 2.0}),   // 金口河区, tier C: urban met
            Map.entry("511132", new double[] {4.0, 4.4}),    // 峨边县, tier C: rural met
            Map.entry("511133", new double[] {3.5, 1.0}));   // 马边县, tier C
    static final double[] DEFAULT_MEANS = {8.0, 3.0};

    /** New organizations (registered or filed) per year 2021–2026, functional-service (T6) and interest/volunteer (T7). */
    static final int[] NEW_FUNCTIONAL = {78, 163, 352, 468, 512, 96};
    static final int[] NEW_INTEREST = {91, 97, 330, 441, 489, 88};
    static final int[] STOCK_YEAR_WEIGHTS = {3, 4, 5, 6, 7, 8, 9, 10, 12}; // 2012–2020, before the plan

    /** The plan's seeded targets (DOMAIN.md), for the plan's own expectations only: metrics holds the real ones. */
    static final Map<String, String> TIER = Map.ofEntries(Map.entry("511102", "T3"), Map.entry("511111", "T3"),
            Map.entry("511112", "T3"), Map.entry("5111GX", "T3"), Map.entry("511126", "T3"), Map.entry("511181", "T3"),
            Map.entry("511123", "T4"), Map.entry("511124", "T4"), Map.entry("511129", "T4"), Map.entry("511113", "T5"),
            Map.entry("511132", "T5"), Map.entry("511133", "T5"));
    static final Map<String, double[]> TIER_THRESHOLDS = Map.of("T3", new double[] {15, 8}, "T4", new double[] {12, 6},
            "T5", new double[] {10, 4});
    static final Set<String> PILOTS = Set.of("511132", "511133");

    /** Federation coverage (T8: streets, T9: towns and townships outside the pilots, and the pilots). */
    static final double STREET_SHARE = 0.82;
    static final double TOWN_SHARE = 0.60;
    static final Map<String, Double> PILOT_SHARE = Map.of("511132", 0.30, "511133", 0.20);
    static final int DEMONSTRATIONS = 16;
    static final int CITY_CERTIFIED = 6;
    /** T12: county-level units still without an incubator or platform, and one opened after the due year. */
    static final Set<String> COUNTIES_WITHOUT_INCUBATOR = Set.of("511113", "511133");
    static final String COUNTY_OPENED_LATE = "511129";
    static final int TOWNSHIP_STATIONS = 24;
    static final int VILLAGE_STATIONS = 30;
    static final double TRAINED_TOWNSHIP_SHARE = 0.78;

    // ---- what is planned ----------------------------------------------------------------------------------------

    /** An organization as POST /organizations takes it, with the status it ends in. */
    public record Org(String communityCode, String countyCode, String name, String creditCode, String legalForm,
                      String managementClass, String category, String subcategory, List<String> serviceAreas,
                      LocalDate registeredOn, LocalDate establishedOn, String leaderName, String leaderPhone,
                      Integer memberCount, boolean hubType, boolean charterAdopted, String status, String statusReason,
                      boolean urban) {

        public String key() {
            return communityCode + "|" + name;
        }

        /** The body of POST /organizations (and a line of a JSON-lines import). */
        public Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", name);
            if (creditCode != null) {
                b.put("creditCode", creditCode);
                b.put("legalForm", legalForm);
            }
            b.put("managementClass", managementClass);
            b.put("category", category);
            b.put("subcategory", subcategory);
            if (!serviceAreas.isEmpty()) {
                b.put("serviceAreas", serviceAreas);
            }
            b.put("communityCode", communityCode);
            b.put("registeredOn", registeredOn.toString());
            if (establishedOn != null) {
                b.put("establishedOn", establishedOn.toString());
            }
            if (leaderName != null) {
                Map<String, Object> leader = new LinkedHashMap<>();
                leader.put("name", leaderName);
                leader.put("phone", leaderPhone);
                b.put("leader", leader);
            }
            if (memberCount != null) {
                b.put("memberCount", memberCount);
            }
            b.put("hubType", hubType);
            b.put("charterAdopted", charterAdopted);
            return b;
        }
    }

    public record Federation(String townshipCode, String name, String organizationKey, LocalDate establishedOn) {
    }

    public record Demonstration(String organizationKey, LocalDate certifiedOn, String certifyingLevel, LocalDate revokedOn,
                                String revokeReason) {
    }

    public record Incubator(String name, String level, String divisionCode, String type, List<String> services,
                            LocalDate openedOn) {
        public String key() {
            return divisionCode + "|" + name;
        }
    }

    public record Enrollment(String incubatorKey, String organizationKey, LocalDate startedOn, LocalDate graduatedOn) {
    }

    public record Venue(String organizationKey, String venue, String providingDivisionCode, LocalDate fromDate,
                        LocalDate toDate, BigDecimal floorAreaM2) {
    }

    public record Funding(String organizationKey, String channel, long amountFen, int year, String projectTitle) {
    }

    /** A person trained; the phone is the stable key. {@code townshipCode} null for county-level staff. */
    public record Trainee(String name, String phone, String role, String divisionCode, String townshipCode,
                          String countyCode) {
    }

    /** A session held, its sign-in sheet (phones) and the attendances later reversed. */
    public record Session(String title, String format, List<String> topics, String organizingDivision, LocalDate heldOn,
                         BigDecimal hours, String trainer, List<String> attendees, List<String> reversed) {
        public String key() {
            return organizingDivision + "|" + title;
        }
    }

    public final long seed;
    public final LocalDate today;
    public final List<Org> organizations;
    public final List<Federation> federations;
    public final List<Demonstration> demonstrations;
    public final List<Incubator> incubators;
    public final List<Enrollment> enrollments;
    public final List<Venue> venues;
    public final List<Funding> fundings;
    public final List<Trainee> trainees;
    public final List<Session> sessions;
    private final Hierarchy hierarchy;

    private DemoPlan(long seed, LocalDate today, Hierarchy hierarchy, List<Org> organizations, List<Federation> federations,
                     List<Demonstration> demonstrations, List<Incubator> incubators, List<Enrollment> enrollments,
                     List<Venue> venues, List<Funding> fundings, List<Trainee> trainees, List<Session> sessions) {
        this.seed = seed;
        this.today = today;
        this.hierarchy = hierarchy;
        this.organizations = List.copyOf(organizations);
        this.federations = List.copyOf(federations);
        this.demonstrations = List.copyOf(demonstrations);
        this.incubators = List.copyOf(incubators);
        this.enrollments = List.copyOf(enrollments);
        this.venues = List.copyOf(venues);
        this.fundings = List.copyOf(fundings);
        this.trainees = List.copyOf(trainees);
        this.sessions = List.copyOf(sessions);
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    // ---- building -----------------------------------------------------------------------------------------------

    /** A mutable organization while the plan is built. */
    private static final class Slot {
        Division community;
        String county;
        String name;
        String category;
        String subcategory;
        List<String> areas = List.of();
        String managementClass;
        String legalForm;
        String creditCode;
        int establishedBefore = -1;
        String leaderName;
        String leaderPhone;
        Integer members;
        boolean hub;
        boolean charter;
        String status = "ACTIVE";
        String reason;
        LocalDate registeredOn;

        String key() {
            return community.code() + "|" + name;
        }

        Org toOrg() {
            LocalDate established = establishedBefore < 0 ? null : registeredOn.minusDays(establishedBefore);
            return new Org(community.code(), county, name, creditCode, legalForm, managementClass, category, subcategory, areas,
                    registeredOn, established, leaderName, leaderPhone, members, hub, charter, status, reason,
                    community.urban());
        }
    }

    public static DemoPlan build(Hierarchy h, long seed, LocalDate today) {
        Map<String, Integer> existing = allocate(h, seed);

        // Hub federations, each carried by a registered hub-type organization of the township.
        Random fed = new Random(seed + 2);
        List<Division> federated = federatedTownships(h, fed);
        List<Federation> federations = new ArrayList<>();
        List<Slot> hubs = new ArrayList<>();
        for (Division township : federated) {
            List<Division> communities = h.children(township.code()).stream().filter(d -> "VILLAGE".equals(d.level())).toList();
            if (communities.isEmpty()) {
                continue;
            }
            Division home = communities.stream()
                    .max(Comparator.comparing((Division d) -> existing.getOrDefault(d.code(), 0))
                            .thenComparing(Division::code, Comparator.reverseOrder())).orElseThrow();
            LocalDate established = date(fed, township.street() ? LocalDate.of(2021, 4, 1) : LocalDate.of(2021, 9, 1),
                    LocalDate.of(2025, 11, 30));
            Division county = h.ancestor(township.code(), "COUNTY");
            Slot hub = new Slot();
            hub.community = home;
            hub.county = county == null ? null : county.code();
            hub.name = (county == null ? "" : Hierarchy.countyShortName(county)) + township.name() + "社区社会组织联合会";
            hub.category = "FUNCTIONAL_SERVICE";
            hub.subcategory = "COMMUNITY_AFFAIRS";
            hub.areas = List.of("DISPUTE_MEDIATION", "PROPERTY_CONSULTATION");
            hub.managementClass = "REGISTERED";
            hub.legalForm = "SOCIAL_GROUP";
            hub.creditCode = CreditCodes.of("SOCIAL_GROUP", hub.county == null ? "511100" : hub.county,
                    Integer.parseInt(township.code().substring(6, 9)) * 100_000 + 99_999);
            hub.registeredOn = established.minusDays(20 + fed.nextInt(180));
            hub.establishedBefore = fed.nextInt(60);
            hub.leaderName = Vocabulary.personName(fed);
            hub.leaderPhone = Vocabulary.mobile(fed);
            hub.members = 8 + fed.nextInt(40);
            hub.hub = true;
            hub.charter = true;
            hubs.add(hub);
            existing.merge(home.code(), -1, (a, b) -> Math.max(0, a + b));
            federations.add(new Federation(township.code(), hub.name, hub.key(), established));
        }

        // Every community's own organizations, named from the community's own random sequence (stable names).
        List<Slot> slots = new ArrayList<>(hubs);
        for (Division community : h.villages()) {
            Division county = h.ancestor(community.code(), "COUNTY");
            if (county == null) {
                continue;
            }
            Random rc = new Random(seed ^ (community.code().hashCode() * 0x9E3779B97F4A7C15L));
            int n = existing.getOrDefault(community.code(), 0);
            int total = n + (rc.nextDouble() < 0.08 ? 1 : 0);
            Set<String> used = new HashSet<>();
            for (int i = 0; i < total; i++) {
                Slot s = slot(rc, community, county, i, used);
                if (i >= n) {
                    s.status = "DEREGISTERED";
                    s.reason = Vocabulary.DEREGISTER_REASONS[rc.nextInt(Vocabulary.DEREGISTER_REASONS.length)];
                }
                slots.add(s);
            }
        }
        assignDates(slots, seed);
        slots.removeIf(s -> s.registeredOn.isAfter(today) || s.registeredOn.isAfter(AFTER_PLAN_LAST));

        List<Org> organizations = slots.stream().map(Slot::toOrg).sorted(Comparator.comparing(Org::key)).toList();
        Map<String, Org> byKey = new HashMap<>();
        organizations.forEach(o -> byKey.put(o.key(), o));
        federations.removeIf(f -> !byKey.containsKey(f.organizationKey()) || f.establishedOn().isAfter(today));

        List<Demonstration> demonstrations = demonstrations(h, federations, byKey, seed, today);
        List<Incubator> incubators = incubators(h, existing, seed, today);
        Random support = new Random(seed + 5);
        List<Org> newcomers = organizations.stream().filter(o -> !o.hubType() && "ACTIVE".equals(o.status())
                && o.registeredOn().getYear() >= FIRST_YEAR && !o.registeredOn().isAfter(PLAN_END)).toList();
        List<Enrollment> enrollments = enrollments(h, incubators, newcomers, support, today);
        List<Org> active = organizations.stream().filter(o -> !o.hubType() && "ACTIVE".equals(o.status())
                && !o.registeredOn().isAfter(LocalDate.of(2025, 6, 30))).toList();
        List<Venue> venues = venues(h, active, support, today);
        List<Funding> fundings = fundings(active, support);

        Random training = new Random(seed + 7);
        List<Trainee> trainees = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        training(h, training, today, trainees, sessions);

        return new DemoPlan(seed, today, h, organizations, federations, demonstrations, incubators, enrollments, venues,
                fundings, trainees, sessions);
    }

    /** Existing organizations per community: each county's urban and rural total spread by lognormal weights. */
    private static Map<String, Integer> allocate(Hierarchy h, long seed) {
        Random alloc = new Random(seed);
        Map<String, Integer> existing = new TreeMap<>();
        for (Division county : h.counties()) {
            List<Division> villages = h.under(county.code(), "VILLAGE");
            for (boolean urban : new boolean[] {true, false}) {
                List<Division> communities = villages.stream().filter(v -> v.urban() == urban).toList();
                if (communities.isEmpty()) {
                    continue;
                }
                double mean = MEANS.getOrDefault(county.code(), DEFAULT_MEANS)[urban ? 0 : 1];
                int total = (int) Math.round(mean * communities.size());
                double[] weights = new double[communities.size()];
                double sum = 0;
                for (int i = 0; i < weights.length; i++) {
                    Division township = h.get(communities.get(i).parentCode());
                    weights[i] = Math.exp(0.55 * alloc.nextGaussian()) * (township != null && township.street() ? 1.25 : 1.0);
                    sum += weights[i];
                }
                int[] counts = new int[weights.length];
                double[] remainders = new double[weights.length];
                int given = 0;
                for (int i = 0; i < weights.length; i++) {
                    double exact = total * weights[i] / sum;
                    counts[i] = (int) Math.floor(exact);
                    remainders[i] = exact - counts[i];
                    given += counts[i];
                }
                Integer[] order = new Integer[weights.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
                for (int i = 0; given < total; i++, given++) {
                    counts[order[i % order.length]]++;
                }
                for (int i = 0; i < counts.length; i++) {
                    existing.put(communities.get(i).code(), counts[i]);
                }
            }
        }
        return existing;
    }

    private static List<Division> federatedTownships(Hierarchy h, Random fed) {
        List<Division> chosen = new ArrayList<>();
        List<Division> streets = new ArrayList<>(h.townships().stream().filter(Division::street).toList());
        Collections.shuffle(streets, fed);
        chosen.addAll(streets.subList(0, (int) Math.round(streets.size() * STREET_SHARE)));
        List<Division> towns = new ArrayList<>(h.townships().stream().filter(t -> !t.street())
                .filter(t -> !PILOTS.contains(county(h, t))).toList());
        Collections.shuffle(towns, fed);
        chosen.addAll(towns.subList(0, (int) Math.round(towns.size() * TOWN_SHARE)));
        for (String pilot : new java.util.TreeSet<>(PILOTS)) {
            List<Division> pilotTowns = new ArrayList<>(h.townships().stream().filter(t -> !t.street())
                    .filter(t -> pilot.equals(county(h, t))).toList());
            Collections.shuffle(pilotTowns, fed);
            chosen.addAll(pilotTowns.subList(0, (int) Math.round(pilotTowns.size() * PILOT_SHARE.get(pilot))));
        }
        chosen.sort(Comparator.comparing(Division::code));
        return chosen;
    }

    private static String county(Hierarchy h, Division d) {
        Division county = h.ancestor(d.code(), "COUNTY");
        return county == null ? null : county.code();
    }

    /** One organization of a community: its kind, class, leader and status, from the community's sequence. */
    private static Slot slot(Random rc, Division community, Division county, int index, Set<String> used) {
        Slot s = new Slot();
        s.community = community;
        s.county = county.code();
        s.category = rc.nextDouble() < (community.urban() ? 0.45 : 0.55) ? "FUNCTIONAL_SERVICE" : "INTEREST_VOLUNTEER";
        s.subcategory = "FUNCTIONAL_SERVICE".equals(s.category)
                ? (rc.nextDouble() < 0.5 ? "LIFE_SERVICE" : "COMMUNITY_AFFAIRS")
                : (rc.nextDouble() < 0.6 ? "CULTURE_SPORTS" : "CHARITY_VOLUNTEER");
        List<Vocabulary.Kind> kinds = Vocabulary.KINDS.stream().filter(k -> k.subcategory().equals(s.subcategory))
                .filter(k -> k.where() == Vocabulary.Where.ANY
                        || (k.where() == Vocabulary.Where.URBAN) == community.urban()).toList();
        List<Vocabulary.Kind> fresh = kinds.stream().filter(k -> !used.contains(k.suffix())).toList();
        Vocabulary.Kind kind;
        String suffix;
        if (!fresh.isEmpty()) {
            kind = fresh.get(rc.nextInt(fresh.size()));
            suffix = kind.suffix();
        } else {
            kind = kinds.get(rc.nextInt(kinds.size()));
            int n = 2;
            while (used.contains("第" + Vocabulary.ordinal(n) + kind.suffix())) {
                n++;
            }
            suffix = "第" + Vocabulary.ordinal(n) + kind.suffix();
        }
        used.add(suffix);
        s.areas = kind.serviceAreas();
        double cls = rc.nextDouble();
        s.managementClass = cls < 0.12 ? "REGISTERED" : cls < 0.40 ? "TOWNSHIP_MANAGED" : "COMMUNITY_GUIDED";
        String shortName = Hierarchy.shortName(community);
        if ("REGISTERED".equals(s.managementClass)) {
            double form = rc.nextDouble();
            s.legalForm = form < 0.6 ? "SOCIAL_GROUP" : form < 0.98 ? "SOCIAL_SERVICE_INSTITUTION" : "FOUNDATION";
            s.creditCode = CreditCodes.of(s.legalForm, county.code(),
                    Integer.parseInt(community.code().substring(6, 12)) * 100 + index % 100);
            s.name = Hierarchy.countyShortName(county) + shortName + suffix;
        } else {
            s.name = shortName + suffix;
        }
        s.establishedBefore = rc.nextDouble() < 0.8 ? rc.nextInt(900) : -1;
        if (rc.nextDouble() < 0.75) {
            s.leaderName = Vocabulary.personName(rc);
            s.leaderPhone = Vocabulary.mobile(rc);
        }
        s.members = 6 + rc.nextInt(75);
        s.charter = "REGISTERED".equals(s.managementClass) || rc.nextDouble() < 0.6;
        double status = rc.nextDouble();
        if (status < 0.025) {
            s.status = "ABNORMAL";
            s.reason = Vocabulary.ABNORMAL_REASONS[rc.nextInt(Vocabulary.ABNORMAL_REASONS.length)];
        } else if (status < 0.031) {
            s.status = "SUSPENDED";
            s.reason = Vocabulary.SUSPEND_REASON;
        }
        return s;
    }

    /**
     * Registration dates: the yearly quotas of 2021–2026 by category (hub federations' own dates counted
     * against them), the rest before the plan (2012–2020).
     */
    private static void assignDates(List<Slot> slots, long seed) {
        Random yr = new Random(seed + 3);
        for (String category : List.of("FUNCTIONAL_SERVICE", "INTEREST_VOLUNTEER")) {
            int[] quota = ("FUNCTIONAL_SERVICE".equals(category) ? NEW_FUNCTIONAL : NEW_INTEREST).clone();
            slots.stream().filter(s -> s.hub && category.equals(s.category)).forEach(s -> {
                int i = s.registeredOn.getYear() - FIRST_YEAR;
                if (i >= 0 && i < quota.length && quota[i] > 0) {
                    quota[i]--;
                }
            });
            List<Slot> pool = new ArrayList<>(slots.stream().filter(s -> !s.hub && category.equals(s.category))
                    .sorted(Comparator.comparing(Slot::key)).toList());
            Collections.shuffle(pool, yr);
            int next = 0;
            for (int i = 0; i < quota.length && next < pool.size(); i++) {
                int year = FIRST_YEAR + i;
                LocalDate from = LocalDate.of(year, 1, 4);
                LocalDate to = year > DUE_YEAR ? AFTER_PLAN_LAST : LocalDate.of(year, 12, 28);
                for (int j = 0; j < quota[i] && next < pool.size(); j++) {
                    pool.get(next++).registeredOn = date(yr, from, to);
                }
            }
            int weightSum = java.util.Arrays.stream(STOCK_YEAR_WEIGHTS).sum();
            for (; next < pool.size(); next++) {
                int pick = yr.nextInt(weightSum);
                int year = 2012;
                for (int w : STOCK_YEAR_WEIGHTS) {
                    if (pick < w) {
                        break;
                    }
                    pick -= w;
                    year++;
                }
                pool.get(next).registeredOn = date(yr, LocalDate.of(year, 1, 4), LocalDate.of(year, 12, 28));
            }
        }
    }

    private static List<Demonstration> demonstrations(Hierarchy h, List<Federation> federations, Map<String, Org> byKey,
                                                      long seed, LocalDate today) {
        Random dm = new Random(seed + 4);
        List<Federation> candidates = new ArrayList<>(federations);
        Collections.shuffle(candidates, dm);
        Map<String, Integer> perCounty = new HashMap<>();
        List<Demonstration> list = new ArrayList<>();
        LocalDate last = LocalDate.of(2025, 12, 20);
        for (Federation f : candidates) {
            if (list.size() == DEMONSTRATIONS) {
                break;
            }
            String county = byKey.get(f.organizationKey()).countyCode();
            if (perCounty.getOrDefault(county, 0) >= 2) {
                continue;
            }
            perCounty.merge(county, 1, Integer::sum);
            LocalDate certified = f.establishedOn().plusDays(60 + dm.nextInt(360));
            if (certified.isAfter(last)) {
                certified = last;
            }
            String level = list.size() < CITY_CERTIFIED ? "CITY" : "COUNTY";
            list.add(new Demonstration(f.organizationKey(), certified, level, null, null));
        }
        // One county certification revoked in 2025: the federation's re-election stalled.
        list.stream().filter(d -> "COUNTY".equals(d.certifyingLevel()) && d.certifiedOn().getYear() <= 2023)
                .min(Comparator.comparing(Demonstration::certifiedOn)).ifPresent(d -> {
                    LocalDate revoked = LocalDate.of(2025, 3, 10).isBefore(d.certifiedOn()) ? d.certifiedOn().plusDays(30)
                            : LocalDate.of(2025, 3, 10);
                    list.set(list.indexOf(d), new Demonstration(d.organizationKey(), d.certifiedOn(), d.certifyingLevel(),
                            revoked, "联合会换届未按期完成，示范作用发挥不足，撤销认定"));
                });
        list.removeIf(d -> d.certifiedOn().isAfter(today) || (d.revokedOn() != null && d.revokedOn().isAfter(today)));
        list.sort(Comparator.comparing(Demonstration::organizationKey));
        return list;
    }

    private static List<Incubator> incubators(Hierarchy h, Map<String, Integer> existing, long seed, LocalDate today) {
        Random in = new Random(seed + 6);
        List<String> all = List.of("PARTY_BUILDING", "INCUBATION", "FUND_CUSTODY", "TRAINING");
        List<Incubator> list = new ArrayList<>();
        if (h.get("51") != null) {
            list.add(new Incubator("四川省社区社会组织孵化支持平台（乐山服务点）", "PROVINCE", "51", "SUPPORT_PLATFORM", all,
                    LocalDate.of(2021, 5, 20)));
        }
        for (Division city : h.atLevel("CITY")) {
            list.add(new Incubator(city.name() + "社区社会组织孵化基地", "CITY", city.code(), "INCUBATION_BASE", all,
                    LocalDate.of(2021, 8, 16)));
        }
        for (Division county : h.counties()) {
            if (COUNTIES_WITHOUT_INCUBATOR.contains(county.code())) {
                continue;
            }
            boolean base = in.nextDouble() < 0.6;
            LocalDate opened = COUNTY_OPENED_LATE.equals(county.code()) ? LocalDate.of(2024, 4, 18)
                    : date(in, LocalDate.of(2021, 9, 1), LocalDate.of(2023, 9, 30));
            List<String> services = new ArrayList<>(List.of("PARTY_BUILDING", "INCUBATION", "TRAINING"));
            if (in.nextDouble() < 0.5) {
                services.add(2, "FUND_CUSTODY");
            }
            list.add(new Incubator(Hierarchy.countyShortName(county) + (base ? "社区社会组织孵化基地" : "社区社会组织综合服务中心"),
                    "COUNTY", county.code(), base ? "INCUBATION_BASE" : "SUPPORT_PLATFORM", services, opened));
        }
        List<Division> townships = new ArrayList<>(h.townships());
        townships.sort(Comparator.comparing((Division t) -> t.street() ? 0 : 1).thenComparing(Division::code));
        List<Division> streets = new ArrayList<>(townships.stream().filter(Division::street).toList());
        List<Division> others = new ArrayList<>(townships.stream().filter(t -> !t.street()).toList());
        Collections.shuffle(streets, in);
        Collections.shuffle(others, in);
        List<Division> stations = new ArrayList<>(streets.subList(0, Math.min(streets.size(), 8)));
        stations.addAll(others.subList(0, Math.min(others.size(), Math.max(0, TOWNSHIP_STATIONS - stations.size()))));
        stations.sort(Comparator.comparing(Division::code));
        for (Division t : stations) {
            list.add(new Incubator(t.name() + "社区社会组织服务站", "TOWNSHIP", t.code(), "SERVICE_STATION",
                    in.nextDouble() < 0.5 ? List.of("PARTY_BUILDING", "TRAINING") : List.of("PARTY_BUILDING", "INCUBATION", "TRAINING"),
                    date(in, LocalDate.of(2022, 3, 1), LocalDate.of(2025, 10, 31))));
        }
        List<Division> villages = new ArrayList<>(h.villages().stream().filter(v -> existing.getOrDefault(v.code(), 0) >= 10).toList());
        Collections.shuffle(villages, in);
        List<Division> points = new ArrayList<>(villages.subList(0, Math.min(villages.size(), VILLAGE_STATIONS)));
        points.sort(Comparator.comparing(Division::code));
        for (Division v : points) {
            list.add(new Incubator(Hierarchy.shortName(v) + "社区社会组织服务站", "VILLAGE", v.code(), "SERVICE_STATION",
                    List.of("PARTY_BUILDING", "TRAINING"), date(in, LocalDate.of(2022, 6, 1), LocalDate.of(2025, 11, 30))));
        }
        list.removeIf(i -> i.openedOn().isAfter(today));
        return list;
    }

    private static List<Enrollment> enrollments(Hierarchy h, List<Incubator> incubators, List<Org> newcomers, Random r,
                                                LocalDate today) {
        List<Enrollment> list = new ArrayList<>();
        LocalDate lastStart = LocalDate.of(2025, 10, 31);
        for (Incubator incubator : incubators) {
            int wanted = switch (incubator.level()) {
                case "CITY" -> 8;
                case "COUNTY" -> 3;
                default -> 0;
            };
            if (wanted == 0) {
                continue;
            }
            List<Org> candidates = new ArrayList<>(newcomers.stream()
                    .filter(o -> "CITY".equals(incubator.level()) || incubator.divisionCode().equals(o.countyCode())).toList());
            Collections.shuffle(candidates, r);
            int taken = 0;
            for (Org o : candidates) {
                if (taken == wanted) {
                    break;
                }
                LocalDate start = later(incubator.openedOn(), o.registeredOn()).plusDays(15 + r.nextInt(180));
                if (start.isAfter(lastStart) || start.isAfter(today)) {
                    continue;
                }
                LocalDate end = r.nextDouble() < 0.5 ? start.plusDays(180 + r.nextInt(240)) : null;
                if (end != null && (end.isAfter(PLAN_END) || end.isAfter(today))) {
                    end = null;
                }
                list.add(new Enrollment(incubator.key(), o.key(), start, end));
                taken++;
            }
        }
        return list;
    }

    private static List<Venue> venues(Hierarchy h, List<Org> active, Random r, LocalDate today) {
        List<Org> chosen = new ArrayList<>(active);
        Collections.shuffle(chosen, r);
        List<Venue> list = new ArrayList<>();
        String[] rooms = {"二楼活动室", "三楼多功能厅", "一楼议事室", "文体活动室", "院坝活动场地"};
        for (Org o : chosen.subList(0, Math.min(40, chosen.size()))) {
            Division community = h.get(o.communityCode());
            boolean fromTownship = r.nextDouble() < 0.3;
            Division township = h.get(community.parentCode());
            LocalDate from = o.registeredOn().plusDays(30 + r.nextInt(300));
            if (from.isAfter(PLAN_END)) {
                from = PLAN_END;
            }
            LocalDate to = r.nextDouble() < 0.2 ? from.plusDays(365 + r.nextInt(365)) : null;
            if (to != null && to.isAfter(today)) {
                to = null;
            }
            String venue = fromTownship && township != null
                    ? township.name() + "社区综合服务中心" + rooms[r.nextInt(rooms.length)]
                    : Hierarchy.shortName(community) + "党群服务中心" + rooms[r.nextInt(rooms.length)];
            BigDecimal area = BigDecimal.valueOf(20 + r.nextInt(1600) / 10.0).setScale(1, RoundingMode.HALF_UP);
            list.add(new Venue(o.key(), venue, fromTownship && township != null ? township.code() : community.code(), from, to, area));
        }
        list.sort(Comparator.comparing(Venue::organizationKey));
        return list;
    }

    private static List<Funding> fundings(List<Org> active, Random r) {
        List<Org> chosen = new ArrayList<>(active);
        Collections.shuffle(chosen, r);
        List<Funding> list = new ArrayList<>();
        for (Org o : chosen.subList(0, Math.min(60, chosen.size()))) {
            double c = r.nextDouble();
            String channel = c < 0.35 ? "GOVERNMENT_PURCHASE" : c < 0.65 ? "VENTURE_PHILANTHROPY" : c < 0.8 ? "SOCIAL_SUPPORT" : "WORK_FUND";
            long yuan = switch (channel) {
                case "GOVERNMENT_PURCHASE" -> 20_000 + r.nextInt(1800) * 100L;
                case "VENTURE_PHILANTHROPY" -> 10_000 + r.nextInt(700) * 100L;
                case "SOCIAL_SUPPORT" -> 2_000 + r.nextInt(280) * 100L;
                default -> 1_000 + r.nextInt(90) * 100L;
            };
            int year = Math.max(FIRST_YEAR, o.registeredOn().getYear()) + r.nextInt(2);
            year = Math.min(year, DUE_YEAR);
            String project = switch (o.subcategory()) {
                case "LIFE_SERVICE" -> "便民生活服务";
                case "COMMUNITY_AFFAIRS" -> "社区治理参与";
                case "CULTURE_SPORTS" -> "群众文体活动";
                default -> "邻里守望关爱";
            };
            String label = switch (channel) {
                case "GOVERNMENT_PURCHASE" -> "政府购买服务";
                case "VENTURE_PHILANTHROPY" -> "公益创投";
                case "SOCIAL_SUPPORT" -> "社会支持";
                default -> "工作经费";
            };
            list.add(new Funding(o.key(), channel, yuan * 100, year, year + "年" + label + "：" + o.name() + project + "项目"));
        }
        list.sort(Comparator.comparing(Funding::organizationKey));
        return list;
    }

    /** Trainees in most townships (and county staff), sessions of the city, the counties and some townships. */
    private static void training(Hierarchy h, Random r, LocalDate today, List<Trainee> trainees, List<Session> sessions) {
        List<Division> townships = new ArrayList<>(h.townships().stream().filter(t -> county(h, t) != null).toList());
        Collections.shuffle(townships, r);
        int trained = (int) Math.round(townships.size() * TRAINED_TOWNSHIP_SHARE);
        List<Division> covered = new ArrayList<>(townships.subList(0, trained));
        List<Division> late = new ArrayList<>(townships.subList(trained, Math.min(townships.size(), trained + 3)));
        covered.sort(Comparator.comparing(Division::code));
        late.sort(Comparator.comparing(Division::code));
        String[] communityRoles = {"COMMUNITY_WORKER", "CHILD_DIRECTOR", "ORG_LEADER", "ORG_LEADER", "SOCIAL_WORKER", "VOLUNTEER"};
        int[] serial = {0};
        Map<String, List<Trainee>> byCounty = new TreeMap<>();
        Map<String, List<Trainee>> byTownship = new TreeMap<>();
        List<Trainee> lateTrainees = new ArrayList<>();
        for (List<Division> group : List.of(covered, late)) {
            for (Division t : group) {
                String county = county(h, t);
                List<Division> communities = h.children(t.code()).stream().filter(d -> "VILLAGE".equals(d.level())).toList();
                int k = 3 + r.nextInt(5);
                for (int i = 0; i < k; i++) {
                    boolean assistant = i == 0 || communities.isEmpty();
                    String division = assistant ? t.code() : communities.get(r.nextInt(communities.size())).code();
                    String role = assistant ? "CIVIL_AFFAIRS_ASSISTANT" : communityRoles[r.nextInt(communityRoles.length)];
                    Trainee trainee = new Trainee(Vocabulary.personName(r), phone(++serial[0]), role, division, t.code(), county);
                    trainees.add(trainee);
                    if (group == late) {
                        lateTrainees.add(trainee);
                    } else {
                        byCounty.computeIfAbsent(county, c -> new ArrayList<>()).add(trainee);
                        byTownship.computeIfAbsent(t.code(), c -> new ArrayList<>()).add(trainee);
                    }
                }
            }
        }
        for (Division county : h.counties()) {
            if (!byCounty.containsKey(county.code())) {
                continue;
            }
            for (int i = 0; i < 2; i++) {
                Trainee staff = new Trainee(Vocabulary.personName(r), phone(++serial[0]), i == 0 ? "SOCIAL_WORKER" : "COMMUNITY_WORKER",
                        county.code(), null, county.code());
                trainees.add(staff);
                byCounty.get(county.code()).add(staff);
            }
        }
        List<Trainee> pool = trainees.stream().filter(t -> !lateTrainees.contains(t)).toList();
        Map<String, Set<String>> attendees = new LinkedHashMap<>();
        List<Session> drafts = new ArrayList<>();
        Division city = h.atLevel("CITY").stream().findFirst().orElse(null);
        String cityCode = city == null ? "5111" : city.code();
        String cityName = city == null ? "乐山市" : city.name();
        // The city: a demonstration class from 2021 and an online or new-media class from 2022, each year.
        for (int year = FIRST_YEAR; year <= DUE_YEAR; year++) {
            drafts.add(session(r, year + "年" + cityName + "社区社会组织骨干人才示范培训班", "DEMONSTRATION", cityCode,
                    date(r, LocalDate.of(year, 9, 1), LocalDate.of(year, 11, 30)), sample(pool, 52 + r.nextInt(20), r)));
            if (year > FIRST_YEAR) {
                boolean online = r.nextBoolean();
                drafts.add(session(r, year + "年" + cityName + "社区社会组织" + (online ? "网上课堂" : "新媒体教学专题班"),
                        online ? "ONLINE_CLASS" : "NEW_MEDIA", cityCode,
                        date(r, LocalDate.of(year, 4, 1), LocalDate.of(year, 6, 30)), sample(pool, 52 + r.nextInt(20), r)));
            }
        }
        // Each county: two capacity-building classes between 2022 and 2025.
        for (Map.Entry<String, List<Trainee>> e : byCounty.entrySet()) {
            Division county = h.get(e.getKey());
            int first = 2022 + r.nextInt(2);
            for (int year : new int[] {first, first + 2}) {
                List<Trainee> people = e.getValue();
                drafts.add(session(r, year + "年" + Hierarchy.countyShortName(county) + "社区社会组织能力提升培训班", "DEMONSTRATION",
                        county.code(), date(r, LocalDate.of(year, 3, 1), LocalDate.of(year, 11, 30)),
                        sample(people, Math.min(people.size(), 8 + people.size() / 2), r)));
            }
        }
        // Some townships (the demo clerks' among them): a class for their own people.
        List<String> townshipSessions = new ArrayList<>(byTownship.keySet());
        Collections.shuffle(townshipSessions, r);
        List<String> chosen = new ArrayList<>(townshipSessions.subList(0, Math.min(8, townshipSessions.size())));
        for (String demo : List.of("511102004", "511102006", "511126001")) {
            if (byTownship.containsKey(demo) && !chosen.contains(demo)) {
                chosen.add(demo);
            }
        }
        chosen.sort(null);
        for (String code : chosen) {
            int year = 2023 + r.nextInt(3);
            drafts.add(session(r, year + "年" + h.get(code).name() + "社区社会组织负责人培训会", "DEMONSTRATION", code,
                    date(r, LocalDate.of(year, 3, 1), LocalDate.of(year, 12, 15)),
                    byTownship.get(code).stream().map(Trainee::phone).toList()));
        }
        // Everyone of the pool attends at least once by 2025: those left out join their county's last class.
        Set<String> attended = new HashSet<>();
        drafts.forEach(s -> attended.addAll(s.attendees()));
        for (int i = 0; i < drafts.size(); i++) {
            Session s = drafts.get(i);
            Division organizer = h.get(s.organizingDivision());
            if (organizer == null || !"COUNTY".equals(organizer.level())) {
                continue;
            }
            boolean lastOfCounty = drafts.subList(i + 1, drafts.size()).stream()
                    .noneMatch(o -> o.organizingDivision().equals(s.organizingDivision()));
            if (!lastOfCounty) {
                continue;
            }
            List<String> more = new ArrayList<>(s.attendees());
            for (Trainee t : byCounty.get(s.organizingDivision())) {
                if (!attended.contains(t.phone())) {
                    more.add(t.phone());
                    attended.add(t.phone());
                }
            }
            drafts.set(i, withAttendees(s, more, List.of()));
        }
        // After the plan: a 2026 new-media class reaching three townships trained for the first time.
        List<String> after = new ArrayList<>(sample(pool, 40, r));
        lateTrainees.forEach(t -> after.add(t.phone()));
        drafts.add(session(r, "2026年" + cityName + "社区社会组织新媒体教学专题班", "NEW_MEDIA", cityCode,
                LocalDate.of(2026, 5, 21), after));
        // Two attendances corrected (冲正): recorded by mistake, the trainee was absent.
        int corrected = 0;
        for (int i = 0; i < drafts.size() && corrected < 2; i++) {
            Session s = drafts.get(i);
            if (s.heldOn().getYear() == 2022 && "DEMONSTRATION".equals(s.format()) && s.attendees().size() > 20) {
                drafts.set(i, withAttendees(s, s.attendees(), List.of(s.attendees().get(s.attendees().size() / 2))));
                corrected++;
            }
        }
        drafts.removeIf(s -> s.heldOn().isAfter(today));
        drafts.sort(Comparator.comparing(Session::heldOn).thenComparing(Session::key));
        sessions.addAll(drafts);
        Set<String> used = new HashSet<>();
        sessions.forEach(s -> used.addAll(s.attendees()));
        trainees.removeIf(t -> !used.contains(t.phone()));
    }

    private static Session session(Random r, String title, String format, String division, LocalDate heldOn,
                                   List<String> phones) {
        List<String> topics = new ArrayList<>(List.of("PARTY_BUILDING", "CULTIVATION", "CAPACITY_BUILDING", "DAILY_OPERATION"));
        Collections.shuffle(topics, r);
        List<String> chosen = new ArrayList<>(topics.subList(0, 1 + r.nextInt(3)));
        chosen.sort(Comparator.comparing(List.of("PARTY_BUILDING", "CULTIVATION", "CAPACITY_BUILDING", "DAILY_OPERATION")::indexOf));
        BigDecimal hours = switch (format) {
            case "DEMONSTRATION" -> BigDecimal.valueOf(division.length() >= 9 ? 3 + r.nextInt(2) : 6 + 2 * r.nextInt(5));
            case "ONLINE_CLASS" -> BigDecimal.valueOf(2 + r.nextInt(3));
            default -> BigDecimal.valueOf(15 + r.nextInt(16), 1);
        };
        return new Session(title, format, chosen, division, heldOn, hours.setScale(1, RoundingMode.HALF_UP),
                Vocabulary.TRAINERS[r.nextInt(Vocabulary.TRAINERS.length)], List.copyOf(new LinkedHashSet<>(phones)), List.of());
    }

    private static Session withAttendees(Session s, List<String> attendees, List<String> reversed) {
        return new Session(s.title(), s.format(), s.topics(), s.organizingDivision(), s.heldOn(), s.hours(), s.trainer(),
                List.copyOf(new LinkedHashSet<>(attendees)), reversed);
    }

    private static List<String> sample(List<Trainee> people, int n, Random r) {
        List<Trainee> copy = new ArrayList<>(people);
        Collections.shuffle(copy, r);
        return copy.subList(0, Math.min(n, copy.size())).stream().map(Trainee::phone).toList();
    }

    /** Demo mobiles 139 0833 xxxx (0833 is Leshan's area code): the trainee's stable key. */
    static String phone(int serial) {
        return "1390833" + String.format("%04d", serial);
    }

    private static LocalDate date(Random r, LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return from.plusDays(days <= 0 ? 0 : r.nextInt((int) days + 1));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    // ---- what the plan should show ------------------------------------------------------------------------------

    /** A target as the plan expects metrics to measure it at the end of a year. */
    public record Expected(String target, double value, Double threshold, boolean met, long numerator, Long denominator) {
    }

    /**
     * Every target as this plan alone makes it at the end of {@code year} (≤ 2025), with the seeded
     * thresholds: the organizations deregistered by the loader still count, as they are deregistered
     * after the plan's years.
     */
    public List<Expected> expected(int year) {
        LocalDate end = LocalDate.of(year, 12, 31);
        List<Expected> list = new ArrayList<>();
        List<Division> villages = hierarchy.villages().stream().filter(v -> county(hierarchy, v) != null).toList();
        Map<String, Long> perCommunity = new HashMap<>();
        organizations.stream().filter(o -> !o.registeredOn().isAfter(end)).forEach(o -> perCommunity.merge(o.communityCode(), 1L, Long::sum));
        for (boolean urban : new boolean[] {true, false}) {
            List<Division> set = villages.stream().filter(v -> v.urban() == urban).toList();
            long orgs = set.stream().mapToLong(v -> perCommunity.getOrDefault(v.code(), 0L)).sum();
            double threshold = urban ? 12 : 5;
            list.add(new Expected(urban ? "T1" : "T2", (double) orgs / set.size(), threshold,
                    orgs >= Math.ceil(threshold * set.size()), orgs, (long) set.size()));
        }
        for (String tier : List.of("T3", "T4", "T5")) {
            long pairs = 0;
            long met = 0;
            for (Division county : hierarchy.counties()) {
                if (!tier.equals(TIER.get(county.code()))) {
                    continue;
                }
                for (boolean urban : new boolean[] {true, false}) {
                    List<Division> set = hierarchy.under(county.code(), "VILLAGE").stream().filter(v -> v.urban() == urban).toList();
                    if (set.isEmpty()) {
                        continue;
                    }
                    long orgs = set.stream().mapToLong(v -> perCommunity.getOrDefault(v.code(), 0L)).sum();
                    double threshold = TIER_THRESHOLDS.get(tier)[urban ? 0 : 1];
                    pairs++;
                    met += orgs >= Math.ceil(threshold * set.size()) ? 1 : 0;
                }
            }
            list.add(new Expected(tier, pairs == 0 ? 0 : (double) met / pairs, 1.0, met == pairs, met, pairs));
        }
        for (String category : List.of("FUNCTIONAL_SERVICE", "INTEREST_VOLUNTEER")) {
            long count = newInYear(category, year);
            list.add(new Expected("FUNCTIONAL_SERVICE".equals(category) ? "T6" : "T7", count, 100.0, count >= 100, count, null));
        }
        Set<String> federated = new HashSet<>();
        federations.stream().filter(f -> !f.establishedOn().isAfter(end)).forEach(f -> federated.add(f.townshipCode()));
        List<Division> streets = hierarchy.townships().stream().filter(Division::street).toList();
        long streetsCovered = streets.stream().filter(t -> federated.contains(t.code())).count();
        list.add(new Expected("T8", (double) streetsCovered / streets.size(), 1.0, streetsCovered == streets.size(),
                streetsCovered, (long) streets.size()));
        List<Division> towns = hierarchy.townships().stream().filter(t -> !t.street())
                .filter(t -> !PILOTS.contains(county(hierarchy, t))).toList();
        long townsCovered = towns.stream().filter(t -> federated.contains(t.code())).count();
        list.add(new Expected("T9", (double) townsCovered / towns.size(), 0.75, townsCovered >= Math.ceil(0.75 * towns.size()),
                townsCovered, (long) towns.size()));
        long personTimes = personTimes(year);
        list.add(new Expected("T10", personTimes, 1000.0, personTimes >= 1000, personTimes, null));
        long demos = demonstrations.stream().filter(d -> !d.certifiedOn().isAfter(end))
                .filter(d -> d.revokedOn() == null || d.revokedOn().isAfter(end)).count();
        list.add(new Expected("T11", demos, 20.0, demos >= 20, demos, null));
        Set<String> required = new LinkedHashSet<>();
        required.add("51");
        hierarchy.atLevel("CITY").forEach(c -> required.add(c.code()));
        hierarchy.counties().forEach(c -> required.add(c.code()));
        Set<String> open = new HashSet<>();
        incubators.stream().filter(i -> !i.openedOn().isAfter(end)).forEach(i -> open.add(i.divisionCode()));
        long covered = required.stream().filter(open::contains).count();
        list.add(new Expected("T12", (double) covered / required.size(), 1.0, covered == required.size(), covered,
                (long) required.size()));
        Set<String> trainedTownships = trainedTownships(year);
        long units = hierarchy.townships().size();
        list.add(new Expected("T13", (double) trainedTownships.size() / units, 1.0, trainedTownships.size() == units,
                trainedTownships.size(), units));
        return list;
    }

    /** Organizations of a category registered or filed in a year (whatever their status since). */
    public long newInYear(String category, int year) {
        return organizations.stream().filter(o -> category.equals(o.category()) && o.registeredOn().getYear() == year).count();
    }

    /** Person-times net of reversals at sessions held from 2021 through the year. */
    public long personTimes(int year) {
        return sessions.stream().filter(s -> s.heldOn().getYear() <= year)
                .mapToLong(s -> s.attendees().size() - s.reversed().size()).sum();
    }

    /** Township-level units with a person-time (net) from 2021 through the year. */
    public Set<String> trainedTownships(int year) {
        Map<String, Trainee> byPhone = new HashMap<>();
        trainees.forEach(t -> byPhone.put(t.phone(), t));
        Map<String, Integer> counts = new HashMap<>();
        for (Session s : sessions) {
            if (s.heldOn().getYear() > year) {
                continue;
            }
            for (String phone : s.attendees()) {
                Trainee t = byPhone.get(phone);
                if (t != null && t.townshipCode() != null) {
                    counts.merge(t.townshipCode(), s.reversed().contains(phone) ? 0 : 1, Integer::sum);
                }
            }
        }
        Set<String> trained = new java.util.TreeSet<>();
        counts.forEach((code, n) -> {
            if (n > 0) {
                trained.add(code);
            }
        });
        return trained;
    }
}
