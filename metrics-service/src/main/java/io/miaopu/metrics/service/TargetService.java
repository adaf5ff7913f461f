package io.miaopu.metrics.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.divisions.DivisionReplicaEntry;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.metrics.domain.Target;
import io.miaopu.metrics.domain.TargetChange;
import io.miaopu.metrics.rest.TargetApi;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The plan's targets as data: read by every role, revised by the city bureau with a reason, every revision kept. */
@ApplicationScoped
public class TargetService {

    private static final Set<Target.Kind> SHARES = EnumSet.of(Target.Kind.FEDERATION_COVERAGE, Target.Kind.INCUBATION_SYSTEM,
            Target.Kind.TRAINING_COVERAGE);

    /** Larger than any figure of the plan (1,000 person-times) by far; keeps every product of a figure within range. */
    private static final BigDecimal MAX_FIGURE = BigDecimal.valueOf(1_000_000);

    private final ObjectMapper json;

    public TargetService(ObjectMapper json) {
        this.json = json;
    }

    @WithSession
    public Uni<List<Target>> list() {
        return Target.<Target>listAll().map(all -> all.stream().sorted(Comparator.comparingInt(Target::order)).toList());
    }

    @WithSession
    public Uni<Target> get(String id) {
        return Target.<Target>findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @WithSession
    public Uni<List<TargetChange>> history(String id) {
        return get(id).chain(t -> TargetChange.<TargetChange>list("targetId = ?1 order by version", id));
    }

    @WithTransaction
    public Uni<Target> revise(String id, TargetApi.Revision in, String ifMatch, Caller caller) {
        if (!caller.roles().contains(Jurisdiction.CITY_ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the city bureau revises the plan's targets.",
                    "仅市民政局可修订规划目标。");
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the ETag you read.",
                    "请在 If-Match 中提供读取时的 ETag。");
        }
        return Target.<Target>findById(id, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull().failWith(() -> notFound(id))
                .invoke(t -> {
                    if (!ifMatch.strip().replace("W/", "").equals("\"" + t.version + "\"")) {
                        throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The target changed since you read it.",
                                "该目标在您读取后已被修订。");
                    }
                    check(t, in);
                })
                .call(t -> in.counties() == null ? Uni.createFrom().voidItem() : requireCounties(t, in.counties(), "counties"))
                .call(t -> in.excluded() == null ? Uni.createFrom().voidItem() : requireCounties(null, in.excluded(), "excluded"))
                .chain(t -> {
                    String before = write(TargetApi.toResponse(t));
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
                        t.counties = String.join(",", in.counties().stream().map(String::strip).toList());
                    }
                    if (in.excluded() != null) {
                        t.excluded = String.join(",", in.excluded().stream().map(String::strip).toList());
                    }
                    if (in.firstYear() != null) {
                        t.firstYear = in.firstYear();
                    }
                    if (in.dueYear() != null) {
                        t.dueYear = in.dueYear();
                    }
                    t.version += 1;
                    t.updatedBy = caller.actor();
                    t.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    TargetChange change = new TargetChange();
                    change.targetId = t.id;
                    change.version = t.version;
                    change.before = before;
                    change.after = write(TargetApi.toResponse(t));
                    change.reason = in.reason().strip();
                    change.changedBy = t.updatedBy;
                    change.changedAt = t.updatedAt;
                    return change.persist().replaceWith(t);
                });
    }

    /** Only the figures the target's kind uses, each in its range, and a reason. */
    private static void check(Target t, TargetApi.Revision in) {
        FieldChecks checks = new FieldChecks().text(in.reason(), "reason", 500, true);
        boolean tier = t.kind == Target.Kind.TIER_AVERAGE;
        unused(checks, in.threshold(), "threshold", tier);
        unused(checks, in.urbanThreshold(), "urbanThreshold", !tier);
        unused(checks, in.ruralThreshold(), "ruralThreshold", !tier);
        unused(checks, in.counties(), "counties", !tier);
        unused(checks, in.excluded(), "excluded", t.kind != Target.Kind.FEDERATION_COVERAGE);
        unused(checks, in.firstYear(), "firstYear", t.firstYear == null);
        for (var figure : List.of(new Object[] {in.threshold(), "threshold"}, new Object[] {in.urbanThreshold(), "urbanThreshold"},
                new Object[] {in.ruralThreshold(), "ruralThreshold"})) {
            BigDecimal value = (BigDecimal) figure[0];
            if (value != null && (value.signum() < 0 || SHARES.contains(t.kind) && value.compareTo(BigDecimal.ONE) > 0)) {
                checks.add((String) figure[1], SHARES.contains(t.kind) ? "must be a share from 0 to 1" : "must not be negative",
                        SHARES.contains(t.kind) ? "须为 0 到 1 之间的比例" : "不能为负数");
            } else if (value != null && (value.compareTo(MAX_FIGURE) > 0 || value.stripTrailingZeros().scale() > 4)) {
                checks.add((String) figure[1], "must be at most 1000000 with at most 4 decimals", "不超过 1000000，最多 4 位小数");
            }
        }
        int first = in.firstYear() != null ? in.firstYear() : t.firstYear != null ? t.firstYear : 2021;
        int due = in.dueYear() != null ? in.dueYear() : t.dueYear;
        if (in.firstYear() != null && (in.firstYear() < 2021 || in.firstYear() > 2035)) {
            checks.add("firstYear", "must be from 2021 to 2035", "须在 2021 至 2035 年之间");
        }
        if (in.dueYear() != null && (in.dueYear() < 2021 || in.dueYear() > 2035)) {
            checks.add("dueYear", "must be from 2021 to 2035", "须在 2021 至 2035 年之间");
        } else if (first > due) {
            checks.add("dueYear", "is before firstYear", "早于 firstYear");
        }
        checks.reject();
    }

    private static void unused(FieldChecks checks, Object value, String field, boolean notUsed) {
        if (value != null && notUsed) {
            checks.add(field, "is not a figure of this target", "不是该目标的指标");
        }
    }

    /** Active county-level units, each once; a tier's counties in no other tier. */
    private Uni<Void> requireCounties(Target tier, List<String> codes, String field) {
        Set<String> distinct = new HashSet<>(codes);
        if (distinct.size() != codes.size() || codes.stream().anyMatch(c -> c == null || c.isBlank())) {
            throw Inputs.invalid(ProblemType.VALIDATION, field, "names a county twice or an empty one", "县（市、区）重复或为空");
        }
        return DivisionReplicaEntry.<DivisionReplicaEntry>list("code in ?1 and level = 'COUNTY' and active = true", codes)
                .invoke(found -> {
                    if (found.size() != codes.size()) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, field, "names a code that is not an active county-level unit",
                                "含有不是现行县级单位的代码");
                    }
                })
                .chain(() -> tier == null ? Uni.createFrom().voidItem()
                        : Target.<Target>list("kind = ?1 and id <> ?2", Target.Kind.TIER_AVERAGE, tier.id).invoke(others -> {
                            for (Target other : others) {
                                for (String code : codes) {
                                    if (other.countyList().contains(code.strip())) {
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
