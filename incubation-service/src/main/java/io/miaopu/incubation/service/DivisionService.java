package io.miaopu.incubation.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.incubation.contract.DivisionEvents;
import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.chassis.write.ChangeType;
import io.miaopu.chassis.write.Outcome;
import io.miaopu.chassis.write.Writes;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.domain.DivisionKind;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.mapping.DivisionMapper;
import io.miaopu.incubation.repository.DivisionRepository;
import io.miaopu.incubation.service.api.DivisionChangeResponse;
import io.miaopu.incubation.service.api.DivisionRequests;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The hierarchy and the city bureau's changes to it. Each change bumps the division's revision,
 * appends to its history, and publishes its full new state on miaopu.divisions.v1, all in one
 * transaction.
 */
@ApplicationScoped
public class DivisionService {

    /** Changes take effect on China Standard Time days. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** A division's change types, as its history (沿革) names them; {@code Type} in the OpenAPI document. */
    @Schema(name = "Type")
    public enum DivisionChange implements ChangeType { SEEDED, CREATED, RENAMED, RETIRED, REASSIGNED }

    /**
     * Divisions in the change log and on miaopu.divisions.v1: history keeps the state without its versions; the
     * event carries the full state with the division's dated versions, this change's included.
     */
    public static final AggregateKind<Division> KIND = new AggregateKind<>("division", "division", "辖区", d -> d.code,
            DivisionMapper::toState, d -> DivisionMapper.toState(d, DivisionMapper.withCurrent(d.earlierVersions, d)));

    private final DivisionRepository divisions;
    private final Writes writes;
    private final ChangeLog changes;
    private final ObjectMapper json;

    public DivisionService(DivisionRepository divisions, Writes writes, ChangeLog changes, ObjectMapper json) {
        this.divisions = divisions;
        this.writes = writes;
        this.changes = changes;
        this.json = json;
    }

    @WithSession
    public Uni<Division> get(String code) {
        return divisions.findById(code).onItem().ifNull().failWith(() -> notFound(code));
    }

    @WithSession
    public Uni<List<Division>> children(String code) {
        return get(code).chain(d -> divisions.children(code));
    }

    @WithSession
    public Uni<List<Division>> ancestors(String code) {
        return get(code).chain(d -> divisions.ancestors(code));
    }

    @WithSession
    public Uni<List<DivisionChangeResponse>> history(String code) {
        return get(code).chain(d -> changes.history(KIND.type(), code))
                .map(entries -> entries.stream().map(e -> DivisionMapper.toResponse(e, effectiveOn(e, tree(e.after())))).toList());
    }

    @WithSession
    public Uni<Page<Division>> search(DivisionLevel level, String parent, DivisionKind kind, String q, Boolean active,
                                      int page, int size) {
        return divisions.search(level, parent, kind, q, active, page, size);
    }

    @WithTransaction
    public Uni<Division> create(DivisionRequests.NewDivision command, Caller caller) {
        LocalDate effectiveOn = effectiveOn(command.effectiveOn());
        return divisions.findById(command.code()).chain(existing -> {
            if (existing != null) {
                throw new ProblemException(ProblemType.CONFLICT, "Division " + command.code() + " already exists.",
                        "辖区 " + command.code() + " 已存在。", List.of(field("code", "already exists", "已存在")));
            }
            return lockIfPresent(command.parentCode());
        }).chain(parent -> {
            Division division = newDivision(command, parent);
            division.effectiveOn = effectiveOn;
            return writes.create(KIND, new Writes.Recorded<>(division, DivisionChange.CREATED, null,
                            command.reason(), caller.actor(), DivisionEvents.CHANGED, division.updatedAt));
        });
    }

    @WithTransaction
    public Uni<Division> rename(String code, DivisionRequests.Rename command, String ifMatch, Caller caller) {
        LocalDate effectiveOn = effectiveOn(command.effectiveOn());
        return writes.change(KIND, lock(code), caller)
                .ifMatchWhenSent(ifMatch)
                .apply(division -> {
                    requireInOrder(division, effectiveOn);
                    String name = Inputs.requireText(command.name(), "name");
                    division.name = name;
                    division.effectiveOn = effectiveOn;
                    return Outcome.of(DivisionChange.RENAMED, command.reason(), DivisionEvents.CHANGED);
                });
    }

    @WithTransaction
    public Uni<Division> retire(String code, DivisionRequests.Retire command, String ifMatch, Caller caller) {
        LocalDate effectiveOn = effectiveOn(command.effectiveOn());
        return writes.change(KIND, lock(code), caller)
                .ifMatchWhenSent(ifMatch)
                .check(division -> {
                    if (!division.active) {
                        throw new ProblemException(ProblemType.CONFLICT, "Division " + code + " is already retired.",
                                "辖区 " + code + " 已撤销。");
                    }
                    if (division.level == DivisionLevel.PROVINCE || division.level == DivisionLevel.CITY) {
                        throw new ProblemException(ProblemType.RULE_VIOLATION, "The province and the city cannot be retired.",
                                "省、市级辖区不能撤销。");
                    }
                    return divisions.count("parentCode = ?1 and active = true", code).invoke(activeChildren -> {
                        if (activeChildren > 0) {
                            throw new ProblemException(ProblemType.CONFLICT,
                                    code + " still has " + activeChildren + " active divisions; reassign or retire them first.",
                                    code + " 下仍有 " + activeChildren + " 个有效辖区，请先调整或撤销。");
                        }
                        requireInOrder(division, effectiveOn);
                    });
                })
                .apply(division -> {
                    division.active = false;
                    division.effectiveOn = effectiveOn;
                    return Outcome.of(DivisionChange.RETIRED, command.reason(), DivisionEvents.CHANGED);
                });
    }

    @WithTransaction
    public Uni<Division> reassign(String code, DivisionRequests.Reassign command, String ifMatch, Caller caller) {
        LocalDate effectiveOn = effectiveOn(command.effectiveOn());
        return writes.change(KIND, lock(code), caller)
                .ifMatchWhenSent(ifMatch)
                .check(division -> lockIfPresent(command.parentCode()).invoke(parent -> {
                    if (division.level != DivisionLevel.TOWNSHIP && division.level != DivisionLevel.VILLAGE) {
                        throw new ProblemException(ProblemType.RULE_VIOLATION,
                                "Only townships and communities can be reassigned.", "只有乡镇（街道）和村（社区）可以调整隶属。",
                                List.of(field("parentCode", "this division cannot move", "该辖区不能调整隶属")));
                    }
                    checkParent(division.level, parent, command.parentCode());
                    if (command.parentCode().equals(division.parentCode)) {
                        throw new ProblemException(ProblemType.CONFLICT, code + " already belongs to " + parent.code + ".",
                                code + " 已隶属于 " + parent.code + "。", List.of(field("parentCode", "unchanged", "未变化")));
                    }
                    if (!division.active) {
                        throw new ProblemException(ProblemType.CONFLICT, code + " is retired.", code + " 已撤销。");
                    }
                    requireInOrder(division, effectiveOn);
                }))
                .apply(division -> {
                    division.parentCode = command.parentCode();
                    division.effectiveOn = effectiveOn;
                    return Outcome.of(DivisionChange.REASSIGNED, command.reason(), DivisionEvents.CHANGED);
                });
    }

    private Division newDivision(DivisionRequests.NewDivision command, Division parent) {
        DivisionLevel level = command.level();
        if (level == DivisionLevel.PROVINCE || level == DivisionLevel.CITY) {
            throw new ProblemException(ProblemType.RULE_VIOLATION, "Only county-level units and below can be added.",
                    "只能新增县级及以下辖区。", List.of(field("level", "must be COUNTY, TOWNSHIP or VILLAGE", "须为县、乡镇或村级")));
        }
        checkParent(level, parent, command.parentCode());
        boolean zone = command.kind() == DivisionKind.FUNCTIONAL_ZONE;
        DivisionKind kind;
        if (level == DivisionLevel.COUNTY) {
            if (command.kind() == null || command.kind().level() != DivisionLevel.COUNTY) {
                throw new ProblemException(ProblemType.VALIDATION, "A county-level unit needs its kind.", "县级辖区须注明类型。",
                        List.of(field("kind", "must be DISTRICT, COUNTY, COUNTY_CITY or FUNCTIONAL_ZONE",
                                "须为 DISTRICT、COUNTY、COUNTY_CITY 或 FUNCTIONAL_ZONE")));
            }
            kind = command.kind();
        } else {
            kind = DivisionKind.fromStatisticalCode(command.code()).orElse(null);
            if (kind == null || command.code().length() != level.statisticalCodeLength()) {
                throw new ProblemException(ProblemType.VALIDATION, "The code is not a " + level + " statistical code.",
                        "代码不是有效的" + (level == DivisionLevel.TOWNSHIP ? "乡级" : "村级") + "统计用区划代码。",
                        List.of(field("code", level.statisticalCodeLength() + " digits with a valid type segment",
                                level.statisticalCodeLength() + " 位数字且类型段有效")));
            }
            if (command.kind() != null && command.kind() != kind) {
                throw new ProblemException(ProblemType.VALIDATION, "The code's segment makes it a " + kind + ".",
                        "代码的类型段表明其类型为 " + kind + "。", List.of(field("kind", "must be " + kind + " for this code",
                        "该代码的类型须为 " + kind)));
            }
        }
        boolean statistical = command.code().matches("\\d+");
        if (zone == statistical || (statistical && command.code().length() != level.statisticalCodeLength())) {
            throw new ProblemException(ProblemType.VALIDATION,
                    zone ? "A functional zone takes a project code with letters, never a statistical code."
                            : "A statistical code of " + level.statisticalCodeLength() + " digits is needed.",
                    zone ? "功能区使用含字母的项目代码，不得使用统计用区划代码。" : "须为 " + level.statisticalCodeLength() + " 位统计用区划代码。",
                    List.of(field("code", "does not fit the level and kind", "与层级和类型不符")));
        }
        Division division = new Division();
        division.code = command.code();
        division.name = Inputs.requireText(command.name(), "name");
        division.level = level;
        division.parentCode = parent.code;
        division.kind = kind;
        division.active = true;
        division.codeSource = statistical ? "NBS" : "PROJECT";
        division.revision = 1;
        division.updatedAt = Writes.now();
        return division;
    }

    /**
     * Reads a division for change, locked until commit: concurrent changes of one division (or a
     * retirement racing a new child) are serialized, so revisions never repeat. With it, its dated versions
     * so far from its history, for the event of the change.
     */
    private Uni<Division> lock(String code) {
        return divisions.findById(code, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull().failWith(() -> notFound(code))
                .call(division -> changes.history(KIND.type(), code).invoke(history -> division.earlierVersions = versions(history)));
    }

    private Uni<Division> lockIfPresent(String code) {
        return divisions.findById(code, LockModeType.PESSIMISTIC_WRITE);
    }

    private static void checkParent(DivisionLevel level, Division parent, String parentCode) {
        if (parent == null) {
            throw new ProblemException(ProblemType.RULE_VIOLATION, "No division " + parentCode + ".", "辖区 " + parentCode + " 不存在。",
                    List.of(field("parentCode", "unknown division", "辖区不存在")));
        }
        if (parent.level != level.parent()) {
            throw new ProblemException(ProblemType.RULE_VIOLATION,
                    "A " + level + " belongs to a " + level.parent() + ", not to a " + parent.level + ".",
                    "层级不符：" + level + " 须隶属于 " + level.parent() + "。",
                    List.of(field("parentCode", "must be a " + level.parent(), "须为 " + level.parent() + " 级辖区")));
        }
        if (!parent.active) {
            throw new ProblemException(ProblemType.RULE_VIOLATION, parentCode + " is retired.", parentCode + " 已撤销。",
                    List.of(field("parentCode", "retired division", "辖区已撤销")));
        }
    }

    /** The day a change takes effect: today (China Standard Time) unless given; never in the future (400). */
    static LocalDate effectiveOn(LocalDate requested) {
        LocalDate today = LocalDate.now(CHINA);
        if (requested != null && requested.isAfter(today)) {
            throw Inputs.invalid(ProblemType.VALIDATION, "effectiveOn", "is in the future", "不能晚于今天");
        }
        return requested == null ? today : requested;
    }

    /** A division's versions stay in order: a change never takes effect before its previous change did (422). */
    private static void requireInOrder(Division division, LocalDate effectiveOn) {
        if (division.effectiveOn != null && effectiveOn.isBefore(division.effectiveOn)) {
            throw Inputs.invalid(ProblemType.RULE_VIOLATION, "effectiveOn",
                    "is before the division's previous change took effect (" + division.effectiveOn + ")",
                    "早于该辖区上一次变更的生效日期 " + division.effectiveOn);
        }
    }

    /**
     * The division's states over time from its history, oldest first: each change's state after it,
     * from the day it took effect (null for the seeded state: since always). Of changes taking effect
     * the same day, the last one stands.
     */
    List<DivisionState.Version> versions(List<ChangeLog.Entry> history) {
        List<DivisionState.Version> versions = new ArrayList<>();
        for (ChangeLog.Entry change : history) {
            JsonNode after = tree(change.after());
            versions = DivisionMapper.withVersion(versions, new DivisionState.Version(effectiveOn(change, after),
                    after.path("name").asText(), text(after, "parentCode"), text(after, "kind"), after.path("active").asBoolean(true)));
        }
        return versions;
    }

    /**
     * The day a change took effect. Its state after holds it (since V6: null for the seeded state); an entry
     * written before holds none: it took effect the (China Standard Time) day it was recorded, as V6 dated it,
     * and the seeded state since always.
     */
    static LocalDate effectiveOn(ChangeLog.Entry change, JsonNode after) {
        JsonNode day = after.get("effectiveOn");
        if (day != null) {
            return day.isNull() ? null : LocalDate.parse(day.asText());
        }
        return DivisionChange.SEEDED.name().equals(change.changeType()) ? null
                : change.changedAt().atZoneSameInstant(CHINA).toLocalDate();
    }

    private JsonNode tree(String state) {
        try {
            return json.readTree(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ProblemException notFound(String code) {
        return new ProblemException(ProblemType.NOT_FOUND, "No division " + code + ".", "辖区 " + code + " 不存在。");
    }

    private static Problem.FieldError field(String name, String message, String messageZh) {
        return new Problem.FieldError(name, message, messageZh);
    }
}
