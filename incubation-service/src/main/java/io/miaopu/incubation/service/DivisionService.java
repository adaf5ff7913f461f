package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.Outbox;
import io.miaopu.incubation.contract.DivisionEvents;
import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Page;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.domain.DivisionChange;
import io.miaopu.incubation.domain.DivisionKind;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.mapping.DivisionMapper;
import io.miaopu.incubation.repository.DivisionChangeRepository;
import io.miaopu.incubation.repository.DivisionRepository;
import io.miaopu.incubation.rest.DivisionRequests;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Objects;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The hierarchy and the city bureau's changes to it. Each change bumps the division's revision,
 * appends to its history, and publishes its full new state on miaopu.divisions.v1, all in one
 * transaction.
 */
@ApplicationScoped
public class DivisionService {

    /** Changes take effect on China Standard Time days. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final DivisionRepository divisions;
    private final DivisionChangeRepository changes;
    private final Outbox outbox;
    private final ObjectMapper json;

    public DivisionService(DivisionRepository divisions, DivisionChangeRepository changes, Outbox outbox, ObjectMapper json) {
        this.divisions = divisions;
        this.changes = changes;
        this.outbox = outbox;
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
    public Uni<List<DivisionChange>> history(String code) {
        return get(code).chain(d -> changes.history(code));
    }

    @WithSession
    public Uni<Page<Division>> search(DivisionLevel level, String parent, DivisionKind kind, String q, Boolean active,
                                      int page, int size) {
        return divisions.search(level, parent, kind, q, active, page, size);
    }

    @WithTransaction
    public Uni<Division> create(DivisionRequests.NewDivision command, String actor) {
        LocalDate effectiveOn = effectiveOn(command.effectiveOn());
        return divisions.findById(command.code()).chain(existing -> {
            if (existing != null) {
                throw new ProblemException(ProblemType.CONFLICT, "Division " + command.code() + " already exists.",
                        "辖区 " + command.code() + " 已存在。", List.of(field("code", "already exists", "已存在")));
            }
            return lockIfPresent(command.parentCode());
        }).chain(parent -> {
            Division division = newDivision(command, parent);
            return divisions.persist(division)
                    .chain(saved -> record(saved, DivisionChange.Type.CREATED, null, command.reason(), actor, effectiveOn));
        });
    }

    @WithTransaction
    public Uni<Division> rename(String code, DivisionRequests.Rename command, String actor) {
        LocalDate effectiveOn = effectiveOn(command.effectiveOn());
        return lock(code).chain(division -> {
            requireInOrder(division, effectiveOn);
            String before = state(division);
            division.name = Inputs.requireText(command.name(), "name");
            return record(division, DivisionChange.Type.RENAMED, before, command.reason(), actor, effectiveOn);
        });
    }

    @WithTransaction
    public Uni<Division> retire(String code, DivisionRequests.Retire command, String actor) {
        LocalDate effectiveOn = effectiveOn(command.effectiveOn());
        return lock(code).chain(division -> {
            if (!division.active) {
                throw new ProblemException(ProblemType.CONFLICT, "Division " + code + " is already retired.",
                        "辖区 " + code + " 已撤销。");
            }
            if (division.level == DivisionLevel.PROVINCE || division.level == DivisionLevel.CITY) {
                throw new ProblemException(ProblemType.RULE_VIOLATION, "The province and the city cannot be retired.",
                        "省、市级辖区不能撤销。");
            }
            return divisions.count("parentCode = ?1 and active = true", code).chain(activeChildren -> {
                if (activeChildren > 0) {
                    throw new ProblemException(ProblemType.CONFLICT,
                            code + " still has " + activeChildren + " active divisions; reassign or retire them first.",
                            code + " 下仍有 " + activeChildren + " 个有效辖区，请先调整或撤销。");
                }
                requireInOrder(division, effectiveOn);
                String before = state(division);
                division.active = false;
                return record(division, DivisionChange.Type.RETIRED, before, command.reason(), actor, effectiveOn);
            });
        });
    }

    @WithTransaction
    public Uni<Division> reassign(String code, DivisionRequests.Reassign command, String actor) {
        LocalDate effectiveOn = effectiveOn(command.effectiveOn());
        return lock(code).chain(division -> lockIfPresent(command.parentCode()).chain(parent -> {
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
            String before = state(division);
            division.parentCode = parent.code;
            return record(division, DivisionChange.Type.REASSIGNED, before, command.reason(), actor, effectiveOn);
        }));
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
        division.revision = 0;
        division.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return division;
    }

    /**
     * Reads a division for change, locked until commit: concurrent changes of one division (or a
     * retirement racing a new child) are serialized, so revisions never repeat.
     */
    private Uni<Division> lock(String code) {
        return divisions.findById(code, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull().failWith(() -> notFound(code));
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
     * Bumps the revision, appends the history entry and the event: the tail of every change. The event
     * carries the division's versions, built from its whole history (this change included), because
     * the compacted topic keeps only its latest record.
     */
    private Uni<Division> record(Division division, DivisionChange.Type type, String before, String reason, String actor,
                                 LocalDate effectiveOn) {
        division.effectiveOn = effectiveOn;
        division.revision += 1;
        division.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        DivisionChange change = new DivisionChange();
        change.code = division.code;
        change.changeType = type;
        change.revision = division.revision;
        change.beforeState = before;
        change.afterState = state(division);
        change.reason = reason;
        change.changedBy = actor;
        change.changedAt = division.updatedAt;
        change.effectiveOn = effectiveOn;
        return divisions.flush()
                .chain(() -> changes.persist(change))
                .chain(() -> changes.history(division.code))
                .chain(history -> outbox.append(DivisionEvents.CHANGED, division.code,
                        DivisionMapper.toState(division, versions(history))))
                .replaceWith(division);
    }

    /**
     * The division's states over time from its history, oldest first: each change's state after it,
     * from the day it took effect (null for the seeded state: since always). Of changes taking effect
     * the same day, the last one stands.
     */
    List<DivisionState.Version> versions(List<DivisionChange> history) {
        List<DivisionState.Version> versions = new ArrayList<>();
        for (DivisionChange change : history) {
            JsonNode after;
            try {
                after = json.readTree(change.afterState);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            DivisionState.Version version = new DivisionState.Version(change.effectiveOn, after.path("name").asText(),
                    text(after, "parentCode"), text(after, "kind"), after.path("active").asBoolean(true));
            if (!versions.isEmpty() && Objects.equals(versions.get(versions.size() - 1).effectiveOn(), change.effectiveOn)) {
                versions.set(versions.size() - 1, version);
            } else {
                versions.add(version);
            }
        }
        return versions;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String state(Division division) {
        try {
            return json.writeValueAsString(DivisionMapper.toState(division));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException notFound(String code) {
        return new ProblemException(ProblemType.NOT_FOUND, "No division " + code + ".", "辖区 " + code + " 不存在。");
    }

    private static Problem.FieldError field(String name, String message, String messageZh) {
        return new Problem.FieldError(name, message, messageZh);
    }
}
