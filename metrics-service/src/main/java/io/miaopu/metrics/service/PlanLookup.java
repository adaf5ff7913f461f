package io.miaopu.metrics.service;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.metrics.domain.Plan;
import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.domain.TargetRevision;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which plan a question is about, and a plan's targets as they stood for a year; call inside a session.
 * Without {@code plan=}: the ACTIVE plan of the division whose years include the year asked, else the last
 * plan (not a draft) that began before it.
 */
public final class PlanLookup {

    private PlanLookup() {
    }

    /** The plan and the year measured: a named plan's years bound the year; without one the year picks the plan. */
    public record Choice(Plan plan, int year) {
    }

    public static Uni<Choice> choose(String planId, Integer year, String division) {
        int thisYear = ProgressService.thisYear();
        if (planId != null) {
            return Plan.<Plan>findById(planId).map(plan -> {
                if (plan == null) {
                    throw Inputs.invalid(ProblemType.VALIDATION, "plan", "no such plan", "规划不存在");
                }
                int asked = year == null ? Math.min(thisYear, plan.lastYear) : year;
                if (!plan.covers(asked) || asked > thisYear) {
                    throw Inputs.invalid(ProblemType.VALIDATION, "year", "must be within the plan's years " + plan.firstYear + "–"
                            + Math.min(plan.lastYear, thisYear), "须在规划期 " + plan.firstYear + "—" + Math.min(plan.lastYear, thisYear)
                            + " 年内");
                }
                return new Choice(plan, asked);
            });
        }
        int asked = year == null ? thisYear : year;
        if (asked > thisYear) {
            throw Inputs.invalid(ProblemType.VALIDATION, "year", "has not begun", "尚未开始");
        }
        return Plan.<Plan>list("divisionCode = ?1 and status <> ?2", division, Plan.Status.DRAFT).map(plans -> {
            Plan chosen = plans.stream().filter(p -> p.status == Plan.Status.ACTIVE && p.covers(asked))
                    .min(Comparator.comparingInt(p -> p.firstYear))
                    .orElseGet(() -> plans.stream().filter(p -> p.firstYear <= asked)
                            .max(Comparator.<Plan>comparingInt(p -> p.firstYear).thenComparingInt(p -> p.lastYear)).orElse(null));
            if (chosen == null) {
                throw Inputs.invalid(ProblemType.VALIDATION, "year", "no plan of " + division + " measures " + asked,
                        asked + " 年没有可度量的规划");
            }
            // Not asked for a year and no plan covers this one (the last plan has ended, the next is not active yet):
            // the last plan at its last year, never this year against its targets. A year asked for is measured as
            // asked, against the last plan before it (its targets carried on), and the answer names that plan.
            int measured = year == null && !chosen.covers(asked) ? Math.min(asked, chosen.lastYear) : asked;
            return new Choice(chosen, measured);
        });
    }

    public static Uni<Plan> require(String planId) {
        return Plan.<Plan>findById(planId).onItem().ifNull().failWith(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No plan " + planId + ".", "规划不存在。"));
    }

    /** The plan's targets in their order, each with the figures in force for the year (the newest revision not after it). */
    public static Uni<List<Target>> targetsFor(Plan plan, int year) {
        return Target.<Target>list("planId = ?1", plan.id).chain(targets -> TargetRevision.<TargetRevision>list(
                "planId = ?1 and fromYear <= ?2 order by fromYear, version", plan.id, year).map(revisions -> {
                    Map<String, TargetRevision> inForce = new HashMap<>();
                    revisions.forEach(r -> inForce.put(r.targetId, r)); // ordered: the newest in force wins
                    List<Target> measured = new ArrayList<>();
                    for (Target t : targets.stream().sorted(Comparator.comparingInt((Target t) -> t.position)).toList()) {
                        TargetRevision r = inForce.get(t.id);
                        measured.add(r == null ? t : t.withFigures(r));
                    }
                    return measured;
                }));
    }
}
