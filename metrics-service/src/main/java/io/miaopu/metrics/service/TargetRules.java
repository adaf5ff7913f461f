package io.miaopu.metrics.service;

import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.metrics.domain.Plan;
import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.domain.TargetOptions;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a target of each kind must hold, checked on the figures a change would leave (pure: no I/O). */
final class TargetRules {

    static final Set<Target.Kind> SHARES = EnumSet.of(Target.Kind.FEDERATION_COVERAGE, Target.Kind.INCUBATION_SYSTEM,
            Target.Kind.TRAINING_COVERAGE);
    /** Larger than any figure of a plan (1,000 person-times) by far; keeps every product of a figure within range. */
    private static final BigDecimal MAX_FIGURE = BigDecimal.valueOf(1_000_000);
    private static final Set<String> COMMUNITY_KINDS = Set.of("URBAN", "RURAL");
    private static final Set<String> CATEGORIES = Set.of("FUNCTIONAL_SERVICE", "INTEREST_VOLUNTEER");
    private static final Set<String> TOWNSHIP_KINDS = Set.of("STREET", "TOWN", "TOWNSHIP");

    private TargetRules() {
    }

    /** A change may give only the figures the kind uses. */
    static void unusedFigures(FieldChecks checks, Target.Kind kind, PlanInputs.Revision in) {
        boolean tier = kind == Target.Kind.TIER_AVERAGE;
        unused(checks, in.threshold(), "threshold", tier);
        unused(checks, in.urbanThreshold(), "urbanThreshold", !tier);
        unused(checks, in.ruralThreshold(), "ruralThreshold", !tier);
        unused(checks, in.counties(), "counties", !tier);
        unused(checks, in.excluded(), "excluded", kind != Target.Kind.FEDERATION_COVERAGE);
        unused(checks, in.category(), "category", !usesCategory(kind));
        if (in.options() != null) {
            TargetOptions o = in.options();
            unused(checks, o.demonstrations(), "options.demonstrations", kind != Target.Kind.HUB_DEMONSTRATIONS);
            unused(checks, o.levels(), "options.levels", kind != Target.Kind.INCUBATION_SYSTEM);
            unused(checks, o.coverageBy(), "options.coverageBy", kind != Target.Kind.TRAINING_COVERAGE);
        }
    }

    /** The figures a target holds after a change (or when added), against its kind and its plan's years. */
    static void figures(FieldChecks checks, Target t, Plan plan) {
        boolean tier = t.kind == Target.Kind.TIER_AVERAGE;
        if (tier) {
            required(checks, t.urbanThreshold, "urbanThreshold");
            required(checks, t.ruralThreshold, "ruralThreshold");
            if (t.countyList().isEmpty() && !checks.has("counties")) {
                checks.add("counties", "a tier needs its county-level units", "须列出该档次的县级单位");
            }
        } else {
            required(checks, t.threshold, "threshold");
        }
        figure(checks, t, t.threshold, "threshold");
        figure(checks, t, t.urbanThreshold, "urbanThreshold");
        figure(checks, t, t.ruralThreshold, "ruralThreshold");
        switch (t.kind) {
            case CITY_AVERAGE -> oneOf(checks, t.category, "category", COMMUNITY_KINDS);
            case NEW_PER_YEAR -> oneOf(checks, t.category, "category", CATEGORIES);
            case FEDERATION_COVERAGE -> {
                if (t.categoryList().isEmpty() || !TOWNSHIP_KINDS.containsAll(t.categoryList())) {
                    checks.add("category", "must list kinds of township-level unit: STREET, TOWN, TOWNSHIP",
                            "须为乡镇级单位类型：STREET、TOWN、TOWNSHIP");
                }
            }
            default -> {
            }
        }
        options(checks, t);
        years(checks, t, plan);
    }

    private static void options(FieldChecks checks, Target t) {
        TargetOptions o = t.optionsOrDefault();
        if (t.kind == Target.Kind.HUB_DEMONSTRATIONS && !List.of(TargetOptions.NET, TargetOptions.CUMULATIVE).contains(o.demonstrations())) {
            checks.add("options.demonstrations", "must be NET or CUMULATIVE", "须为 NET（扣除撤销）或 CUMULATIVE（累计创建）");
        }
        if (t.kind == Target.Kind.INCUBATION_SYSTEM && (o.levels() == null || o.levels().isEmpty()
                || o.levels().stream().anyMatch(level -> level == null || !TargetOptions.ALL_LEVELS.contains(level))
                || new HashSet<>(o.levels()).size() != o.levels().size())) {
            checks.add("options.levels", "must name distinct levels of PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE",
                    "须为不重复的层级：PROVINCE、CITY、COUNTY、TOWNSHIP、VILLAGE");
        }
        if (t.kind == Target.Kind.TRAINING_COVERAGE
                && !List.of(TargetOptions.TRAINEE_DIVISION, TargetOptions.SESSION_LOCATION).contains(o.coverageBy())) {
            checks.add("options.coverageBy", "must be TRAINEE_DIVISION or SESSION_LOCATION",
                    "须为 TRAINEE_DIVISION（学员所在地）或 SESSION_LOCATION（培训举办地）");
        }
    }

    private static void years(FieldChecks checks, Target t, Plan plan) {
        String period = plan.firstYear + "–" + plan.lastYear;
        String periodZh = plan.firstYear + "—" + plan.lastYear;
        if (t.firstYear != null && !plan.covers(t.firstYear)) {
            checks.add("firstYear", "must be within the plan's years " + period, "须在规划期 " + periodZh + " 年内");
        }
        if (!plan.covers(t.dueYear)) {
            checks.add("dueYear", "must be within the plan's years " + period, "须在规划期 " + periodZh + " 年内");
        } else if (t.firstYear != null && t.firstYear > t.dueYear && !checks.has("firstYear")) {
            checks.add("dueYear", "is before firstYear", "早于 firstYear");
        }
    }

    private static void figure(FieldChecks checks, Target t, BigDecimal value, String field) {
        boolean share = SHARES.contains(t.kind);
        if (value == null || checks.has(field)) {
            return;
        }
        if (value.signum() < 0 || share && value.compareTo(BigDecimal.ONE) > 0) {
            checks.add(field, share ? "must be a share from 0 to 1" : "must not be negative", share ? "须为 0 到 1 之间的比例" : "不能为负数");
        } else if (value.compareTo(MAX_FIGURE) > 0 || value.stripTrailingZeros().scale() > 4) {
            checks.add(field, "must be at most 1000000 with at most 4 decimals", "不超过 1000000，最多 4 位小数");
        }
    }

    private static void required(FieldChecks checks, Object value, String field) {
        if (value == null && !checks.has(field)) {
            checks.add(field, "is required for this kind of target", "该类目标必填");
        }
    }

    private static void oneOf(FieldChecks checks, String value, String field, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            checks.add(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()),
                    "须为以下之一：" + String.join("、", allowed.stream().sorted().toList()));
        }
    }

    static boolean usesCategory(Target.Kind kind) {
        return kind == Target.Kind.CITY_AVERAGE || kind == Target.Kind.NEW_PER_YEAR || kind == Target.Kind.FEDERATION_COVERAGE;
    }

    private static void unused(FieldChecks checks, Object value, String field, boolean notUsed) {
        if (value != null && notUsed) {
            checks.add(field, "is not a figure of this target", "不是该目标的指标");
        }
    }
}
