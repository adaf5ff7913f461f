package io.miaopu.metrics.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.miaopu.incubation.contract.replica.DivisionReplicaEntry;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Preconditions;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.metrics.config.MetricsConfig;
import io.miaopu.metrics.domain.Plan;
import io.miaopu.metrics.domain.PlanEvaluation;
import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.domain.TargetChange;
import io.miaopu.metrics.domain.TargetOptions;
import io.miaopu.metrics.domain.TargetRevision;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans and their targets as data. The city bureau writes a plan as a DRAFT (or copies another's targets,
 * years shifted), activates it (two ACTIVE plans of one division never overlap in years), revises an ACTIVE
 * plan's targets from a stated year on, and closes it after a final evaluation; a CLOSED plan never changes.
 * Every change of a target is kept with its reason.
 */
@ApplicationScoped
public class PlanService {

    /** The longest plan and how far from today its years may lie: bounds of sanity, not of any plan. */
    private static final int MAX_SPAN = 15;
    private static final int MAX_DISTANCE = 30;

    private final ObjectMapper json;
    private final DivisionReplica replica;
    private final MetricsConfig config;

    public PlanService(ObjectMapper json, DivisionReplica replica, MetricsConfig config) {
        this.json = json;
        this.replica = replica;
        this.config = config;
    }

    // ---- plans --------------------------------------------------------------------------------------------------

    @WithSession
    public Uni<List<Plan>> plans() {
        return Plan.<Plan>list("order by firstYear, id");
    }

    @WithSession
    public Uni<Plan> plan(String id) {
        return PlanLookup.require(id);
    }

    @WithTransaction
    public Uni<Plan> create(PlanInputs.NewPlan in, Caller caller) {
        requireBureau(caller);
        FieldChecks checks = new FieldChecks().text(in.nameZh(), "nameZh", 200, true).text(in.nameEn(), "nameEn", 200, false)
                .required(in.id(), "id").required(in.firstYear(), "firstYear").required(in.lastYear(), "lastYear");
        if (in.id() != null && !in.id().matches("[a-z0-9][a-z0-9-]{2,63}")) {
            checks.add("id", "must be 3–64 lower-case letters, digits or -", "须为 3–64 个小写字母、数字或 -");
        }
        int thisYear = ProgressService.thisYear();
        if (in.firstYear() != null && Math.abs(in.firstYear() - thisYear) > MAX_DISTANCE) {
            checks.add("firstYear", "must be within " + MAX_DISTANCE + " years of this year", "须在今年前后 " + MAX_DISTANCE + " 年内");
        }
        if (in.firstYear() != null && in.lastYear() != null
                && (in.lastYear() < in.firstYear() || in.lastYear() - in.firstYear() >= MAX_SPAN)) {
            checks.add("lastYear", "must be from firstYear to " + (MAX_SPAN - 1) + " years after it",
                    "须不早于 firstYear，且不超过其后 " + (MAX_SPAN - 1) + " 年");
        }
        checks.reject();
        String division = in.divisionCode() == null || in.divisionCode().isBlank() ? config.cityCode() : in.divisionCode().strip();
        return replica.find(division).invoke(found -> {
                    if (found == null || !found.active) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, "divisionCode", "is not an active division", "不是现行行政区划");
                    }
                })
                .chain(() -> Jurisdiction.requireWrite(caller, division, replica))
                .chain(() -> Plan.<Plan>findById(in.id()))
                .invoke(existing -> {
                    if (existing != null) {
                        throw Inputs.invalid(ProblemType.CONFLICT, "id", "a plan " + in.id() + " exists", "规划 " + in.id() + " 已存在");
                    }
                })
                .chain(() -> in.copyFrom() == null ? Uni.createFrom().<Plan>nullItem() : Plan.<Plan>findById(in.copyFrom().strip())
                        .invoke(source -> {
                            if (source == null) {
                                throw Inputs.invalid(ProblemType.RULE_VIOLATION, "copyFrom", "no such plan", "规划不存在");
                            }
                        }))
                .chain(source -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    Plan plan = new Plan();
                    plan.id = in.id();
                    plan.nameZh = in.nameZh().strip();
                    plan.nameEn = in.nameEn() == null ? null : in.nameEn().strip();
                    plan.divisionCode = division;
                    plan.firstYear = in.firstYear();
                    plan.lastYear = in.lastYear();
                    plan.status = Plan.Status.DRAFT;
                    plan.copiedFrom = source == null ? null : source.id;
                    plan.version = 1;
                    plan.createdBy = caller.actor();
                    plan.createdAt = now;
                    plan.updatedBy = caller.actor();
                    plan.updatedAt = now;
                    Uni<Plan> persisted = plan.<Plan>persist().call(() -> Panache.flush());
                    return source == null ? persisted : persisted.call(p -> copyTargets(source, p, now));
                });
    }

    /** The source's newest figures, years shifted by the difference of the first years and kept within the new plan's. */
    private Uni<Void> copyTargets(Plan source, Plan plan, OffsetDateTime now) {
        int shift = plan.firstYear - source.firstYear;
        return Target.<Target>list("planId = ?1 order by position", source.id).chain(targets -> {
            List<Object> rows = new ArrayList<>();
            for (Target s : targets) {
                Target t = new Target();
                t.planId = plan.id;
                t.id = s.id;
                t.kind = s.kind;
                t.nameZh = s.nameZh;
                t.nameEn = s.nameEn;
                t.unit = s.unit;
                t.position = s.position;
                t.threshold = s.threshold;
                t.urbanThreshold = s.urbanThreshold;
                t.ruralThreshold = s.ruralThreshold;
                t.counties = s.counties;
                t.excluded = s.excluded;
                t.category = s.category;
                t.firstYear = s.firstYear == null ? null : clamp(s.firstYear + shift, plan);
                t.dueYear = clamp(s.dueYear + shift, plan);
                t.options = s.options;
                t.version = 1;
                t.updatedBy = plan.createdBy;
                t.updatedAt = now;
                rows.add(t);
                rows.add(TargetRevision.of(t, plan.firstYear));
            }
            return rows.isEmpty() ? Uni.createFrom().voidItem() : Target.persist(rows);
        });
    }

    private static int clamp(int year, Plan plan) {
        return Math.max(plan.firstYear, Math.min(plan.lastYear, year));
    }

    @WithTransaction
    public Uni<Plan> activate(String id, String ifMatch, Caller caller) {
        return lockPlan(id, ifMatch, caller).chain(plan -> {
            if (plan.status != Plan.Status.DRAFT) {
                throw new ProblemException(ProblemType.CONFLICT, "Only a DRAFT plan is activated; " + id + " is " + plan.status + ".",
                        "只有草稿状态的规划可以启用；该规划为 " + plan.status + "。");
            }
            // One activation per division at a time: two overlapping plans activated at once would both see none.
            return Panache.getSession().chain(session -> session.createNativeQuery(
                            "select cast(pg_advisory_xact_lock(hashtext('plan-activation:' || :division)) as text)", String.class)
                    .setParameter("division", plan.divisionCode).getSingleResult())
                    .chain(() -> Target.count("planId", id)).chain(count -> {
                if (count == 0) {
                    throw new ProblemException(ProblemType.RULE_VIOLATION, "A plan without targets cannot be activated.",
                            "规划没有目标，不能启用。");
                }
                return Plan.<Plan>list("divisionCode = ?1 and status = ?2 and id <> ?3 and firstYear <= ?4 and lastYear >= ?5",
                        plan.divisionCode, Plan.Status.ACTIVE, id, plan.lastYear, plan.firstYear);
            }).map(overlapping -> {
                if (!overlapping.isEmpty()) {
                    Plan other = overlapping.get(0);
                    throw new ProblemException(ProblemType.CONFLICT, "The ACTIVE plan " + other.id + " (" + other.firstYear + "–"
                            + other.lastYear + ") overlaps its years; close it first.", "现行规划 " + other.id + "（" + other.firstYear
                            + "—" + other.lastYear + "）与其年份重叠，请先终期评估并关闭。");
                }
                return touch(plan, Plan.Status.ACTIVE, caller);
            });
        });
    }

    @WithTransaction
    public Uni<Plan> close(String id, String ifMatch, Caller caller) {
        return lockPlan(id, ifMatch, caller).chain(plan -> {
            if (plan.status != Plan.Status.ACTIVE) {
                throw new ProblemException(ProblemType.CONFLICT, "Only an ACTIVE plan is closed; " + id + " is " + plan.status + ".",
                        "只有现行规划可以关闭；该规划为 " + plan.status + "。");
            }
            return PlanEvaluation.<PlanEvaluation>find("planId = ?1 order by evaluatedAt desc", id).firstResult()
                    .chain(last -> TargetChange.<TargetChange>find("planId = ?1 order by changedAt desc", id).firstResult()
                            .map(change -> {
                                if (last == null) {
                                    throw new ProblemException(ProblemType.RULE_VIOLATION, "A plan is closed only after its final "
                                            + "evaluation (POST /api/v1/plans/" + id + "/evaluations).", "规划须先完成终期评估才能关闭。");
                                }
                                if (change != null && change.changedAt.isAfter(last.evaluatedAt)) {
                                    throw new ProblemException(ProblemType.RULE_VIOLATION, "The plan's targets changed after its last "
                                            + "evaluation: evaluate it again before closing it.", "规划目标在最近一次终期评估后又有修订，请重新评估后再关闭。");
                                }
                                return touch(plan, Plan.Status.CLOSED, caller);
                            }));
        });
    }

    private static Plan touch(Plan plan, Plan.Status status, Caller caller) {
        plan.status = status;
        plan.version += 1;
        plan.updatedBy = caller.actor();
        plan.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return plan;
    }

    private Uni<Plan> lockPlan(String id, String ifMatch, Caller caller) {
        requireBureau(caller);
        Preconditions.requireIfMatchPresent(ifMatch);
        return Plan.<Plan>findById(id, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> new ProblemException(ProblemType.NOT_FOUND, "No plan " + id + ".", "规划不存在。"))
                .call(plan -> Jurisdiction.requireWrite(caller, plan.divisionCode, replica))
                .invoke(plan -> Preconditions.requireIfMatch(ifMatch, plan.version, "The plan changed since you read it.",
                        "该规划在您读取后已变更。"));
    }

    // ---- targets ------------------------------------------------------------------------------------------------

    @WithSession
    public Uni<List<Target>> targets(String planId) {
        return PlanLookup.require(planId).chain(plan -> Target.<Target>list("planId = ?1 order by position", planId));
    }

    /** The plan a question without plan= is about (see {@link PlanLookup#choose}). */
    @WithSession
    public Uni<Plan> defaultPlan() {
        return PlanLookup.choose(null, null, config.cityCode()).map(PlanLookup.Choice::plan);
    }

    @WithSession
    public Uni<Target> target(String planId, String id) {
        return PlanLookup.require(planId).chain(plan -> Target.<Target>find("planId = ?1 and id = ?2", planId, id).<Target>firstResult())
                .onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithSession
    public Uni<List<TargetChange>> history(String planId, String id) {
        return target(planId, id).chain(t -> TargetChange.<TargetChange>list("planId = ?1 and targetId = ?2 order by version",
                planId, id));
    }

    @WithTransaction
    public Uni<Target> add(String planId, PlanInputs.NewTarget in, Caller caller) {
        return writablePlan(planId, caller, true).chain(plan -> {
            FieldChecks checks = new FieldChecks().required(in.id(), "id").required(in.kind(), "kind")
                    .text(in.nameZh(), "nameZh", 200, true).text(in.nameEn(), "nameEn", 200, false).text(in.unit(), "unit", 100, true);
            if (in.id() != null && !in.id().matches("[A-Za-z][A-Za-z0-9_-]{0,31}")) {
                checks.add("id", "must be a letter, then letters, digits, - or _ (at most 32)", "须以字母开头，由字母、数字、- 或 _ 组成，最多 32 个");
            }
            if (in.kind() == null) {
                checks.reject();
            }
            TargetRules.unusedFigures(checks, in.kind(), new PlanInputs.Revision(in.threshold(), in.urbanThreshold(),
                    in.ruralThreshold(), in.counties(), in.excluded(), in.category(), in.firstYear(), in.dueYear(), in.options(),
                    null, "-"));
            Target t = new Target();
            t.planId = planId;
            t.id = in.id();
            t.kind = in.kind();
            t.nameZh = in.nameZh() == null ? null : in.nameZh().strip();
            t.nameEn = in.nameEn() == null ? "" : in.nameEn().strip();
            t.unit = in.unit() == null ? null : in.unit().strip();
            t.threshold = in.threshold();
            t.urbanThreshold = in.urbanThreshold();
            t.ruralThreshold = in.ruralThreshold();
            t.counties = codes(in.counties());
            t.excluded = codes(in.excluded());
            t.category = in.category() == null ? null : in.category().strip();
            t.firstYear = in.firstYear();
            t.dueYear = in.dueYear() == null ? plan.lastYear : in.dueYear();
            t.options = withDefaults(t.kind, in.options()).write();
            TargetRules.figures(checks, t, plan);
            checks.reject();
            return Target.<Target>find("planId = ?1 and id = ?2", planId, t.id).<Target>firstResult().invoke(existing -> {
                        if (existing != null) {
                            throw Inputs.invalid(ProblemType.CONFLICT, "id", "the plan has a target " + t.id, "该规划已有目标 " + t.id);
                        }
                    })
                    .call(() -> counties(t, in.counties(), in.excluded()))
                    .chain(() -> Target.<Target>find("planId = ?1 order by position desc", planId).<Target>firstResult())
                    .chain(last -> {
                        t.position = last == null ? 1 : last.position + 1;
                        t.version = 1;
                        t.updatedBy = caller.actor();
                        t.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        return Target.persist(t, TargetRevision.of(t, plan.firstYear)).replaceWith(t);
                    });
        });
    }

    /**
     * Edits a DRAFT plan's target, or revises an ACTIVE plan's from {@code fromYear} on (the years before keep the
     * figures they had); If-Match with the target's ETag; every change kept with its reason.
     */
    @WithTransaction
    public Uni<Target> revise(String planId, String id, PlanInputs.Revision in, String ifMatch, Caller caller) {
        return writablePlan(planId, caller, false).chain(plan -> lockTarget(plan, id, ifMatch).chain(t -> {
            FieldChecks checks = new FieldChecks().text(in.reason(), "reason", 500, true);
            TargetRules.unusedFigures(checks, t.kind, in);
            boolean draft = plan.status == Plan.Status.DRAFT;
            if (draft && in.fromYear() != null) {
                checks.add("fromYear", "a draft's targets are edited, not revised from a year", "草稿规划的目标直接修改，不按年度修订");
            } else if (!draft && in.fromYear() == null) {
                checks.add("fromYear", "is required: the first year the revision applies to", "必填：修订自哪一年起适用");
            } else if (!draft && !plan.covers(in.fromYear())) {
                checks.add("fromYear", "must be within the plan's years " + plan.firstYear + "–" + plan.lastYear,
                        "须在规划期 " + plan.firstYear + "—" + plan.lastYear + " 年内");
            }
            String before = write(t.state());
            if (in.threshold() != null) {
                t.threshold = in.threshold();
            }
            if (in.urbanThreshold() != null) {
                t.urbanThreshold = in.urbanThreshold();
            }
            if (in.ruralThreshold() != null) {
                t.ruralThreshold = in.ruralThreshold();
            }
            if (in.counties() != null) {
                t.counties = codes(in.counties());
            }
            if (in.excluded() != null) {
                t.excluded = codes(in.excluded());
            }
            if (in.category() != null) {
                t.category = in.category().strip();
            }
            if (in.firstYear() != null) {
                t.firstYear = in.firstYear();
            }
            if (in.dueYear() != null) {
                t.dueYear = in.dueYear();
            }
            if (in.options() != null) {
                t.options = merge(t.kind, t.optionsOrDefault(), in.options()).write();
            }
            TargetRules.figures(checks, t, plan);
            checks.reject();
            return counties(t, in.counties(), in.excluded())
                    .chain(() -> draft ? Uni.createFrom().item(plan.firstYear) : latestFromYear(t).map(latest -> {
                        if (in.fromYear() < latest) {
                            throw Inputs.invalid(ProblemType.RULE_VIOLATION, "fromYear", "is before the target's previous revision, "
                                    + "which applies from " + latest, "早于该目标上一次修订的适用年份 " + latest);
                        }
                        return in.fromYear();
                    }))
                    .chain(fromYear -> {
                        t.version += 1;
                        t.updatedBy = caller.actor();
                        t.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        TargetChange change = new TargetChange();
                        change.planId = planId;
                        change.targetId = t.id;
                        change.version = t.version;
                        change.fromYear = draft ? null : fromYear;
                        change.before = before;
                        change.after = write(t.state());
                        change.reason = in.reason().strip();
                        change.changedBy = t.updatedBy;
                        change.changedAt = t.updatedAt;
                        // A draft has one set of figures; an active plan's revision adds the figures in force from its year.
                        Uni<Long> replaced = draft ? TargetRevision.delete("planId = ?1 and targetId = ?2", planId, t.id)
                                : Uni.createFrom().item(0L);
                        return replaced.chain(() -> TargetChange.persist(change, TargetRevision.of(t, fromYear))).replaceWith(t);
                    });
        }));
    }

    /** Removes a DRAFT plan's target (If-Match with its ETag). */
    @WithTransaction
    public Uni<Void> remove(String planId, String id, String ifMatch, Caller caller) {
        return writablePlan(planId, caller, true).chain(plan -> lockTarget(plan, id, ifMatch))
                .chain(t -> TargetChange.delete("planId = ?1 and targetId = ?2", planId, id)
                        .chain(() -> TargetRevision.delete("planId = ?1 and targetId = ?2", planId, id))
                        .chain(() -> t.delete()));
    }

    private Uni<Integer> latestFromYear(Target t) {
        return TargetRevision.<TargetRevision>find("planId = ?1 and targetId = ?2 order by fromYear desc, version desc", t.planId, t.id)
                .firstResult().map(r -> r == null ? 0 : r.fromYear);
    }

    private Uni<Target> lockTarget(Plan plan, String id, String ifMatch) {
        return Target.<Target>findById(new Target.Key(plan.id, id), LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> notFound(id))
                .invoke(t -> Preconditions.requireIfMatch(ifMatch, t.version, "The target changed since you read it.",
                        "该目标在您读取后已被修订。"));
    }

    /** The plan locked against a concurrent transition; a CLOSED plan never changes, only a DRAFT gains or loses targets. */
    private Uni<Plan> writablePlan(String planId, Caller caller, boolean draftOnly) {
        requireBureau(caller);
        return Plan.<Plan>findById(planId, LockModeType.PESSIMISTIC_READ).onItem().ifNull()
                .failWith(() -> new ProblemException(ProblemType.NOT_FOUND, "No plan " + planId + ".", "规划不存在。"))
                .call(plan -> Jurisdiction.requireWrite(caller, plan.divisionCode, replica))
                .invoke(plan -> {
                    if (plan.status == Plan.Status.CLOSED) {
                        throw new ProblemException(ProblemType.CONFLICT, "The plan " + planId + " is CLOSED: it no longer changes.",
                                "规划 " + planId + " 已关闭，不能再修改。");
                    }
                    if (draftOnly && plan.status != Plan.Status.DRAFT) {
                        throw new ProblemException(ProblemType.CONFLICT, "Targets are added and removed only while the plan is a "
                                + "DRAFT; revise an ACTIVE plan's targets instead.", "只有草稿规划可以增删目标；现行规划的目标请修订。");
                    }
                });
    }

    private static void requireBureau(Caller caller) {
        if (!caller.roles().contains(Jurisdiction.CITY_ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the city bureau writes plans and their targets.",
                    "仅市民政局可编制和修订规划目标。");
        }
    }

    private static TargetOptions withDefaults(Target.Kind kind, TargetOptions given) {
        return merge(kind, TargetOptions.defaults(kind), given == null ? TargetOptions.NONE : given);
    }

    private static TargetOptions merge(Target.Kind kind, TargetOptions base, TargetOptions given) {
        TargetOptions defaults = TargetOptions.defaults(kind);
        return new TargetOptions(
                kind == Target.Kind.HUB_DEMONSTRATIONS ? first(given.demonstrations(), base.demonstrations(), defaults.demonstrations()) : null,
                kind == Target.Kind.INCUBATION_SYSTEM ? first(given.levels(), base.levels(), defaults.levels()) : null,
                kind == Target.Kind.TRAINING_COVERAGE ? first(given.coverageBy(), base.coverageBy(), defaults.coverageBy()) : null);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String codes(List<String> codes) {
        return codes == null ? "" : String.join(",", codes.stream().map(c -> c == null ? "" : c.strip()).toList());
    }

    /** Active county-level units, each once; a tier's counties in no other tier of the plan. */
    private Uni<Void> counties(Target t, List<String> tierCounties, List<String> excluded) {
        Uni<Void> checked = Uni.createFrom().voidItem();
        if (tierCounties != null) {
            checked = checked.chain(() -> requireCounties(t, tierCounties, "counties"));
        }
        if (excluded != null) {
            checked = checked.chain(() -> requireCounties(null, excluded, "excluded"));
        }
        return checked;
    }

    private Uni<Void> requireCounties(Target tier, List<String> codes, String field) {
        Set<String> distinct = new HashSet<>(codes);
        if (distinct.size() != codes.size() || codes.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw Inputs.invalid(ProblemType.VALIDATION, field, "names a county twice or an empty one", "县（市、区）重复或为空");
        }
        if (codes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> stripped = codes.stream().map(String::strip).toList();
        return DivisionReplicaEntry.<DivisionReplicaEntry>list("code in ?1 and level = 'COUNTY' and active = true", stripped)
                .invoke(found -> {
                    if (found.size() != codes.size()) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, field, "names a code that is not an active county-level unit",
                                "含有不是现行县级单位的代码");
                    }
                })
                .chain(() -> tier == null ? Uni.createFrom().voidItem()
                        : Target.<Target>list("planId = ?1 and kind = ?2 and id <> ?3", tier.planId, Target.Kind.TIER_AVERAGE, tier.id)
                        .invoke(others -> {
                            for (Target other : others.stream().sorted(Comparator.comparingInt(o -> o.position)).toList()) {
                                for (String code : stripped) {
                                    if (other.countyList().contains(code)) {
                                        throw Inputs.invalid(ProblemType.CONFLICT, field, code + " is already in " + other.id,
                                                code + " 已属于 " + other.id);
                                    }
                                }
                            }
                        }).replaceWithVoid());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No target " + id + ".", "目标不存在。");
    }
}
