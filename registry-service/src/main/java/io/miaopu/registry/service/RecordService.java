package io.miaopu.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miaopu.chassis.events.Outbox;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.registry.domain.Activity;
import io.miaopu.registry.domain.Evaluation;
import io.miaopu.registry.domain.MajorActivityReport;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.domain.PartyLiaison;
import io.miaopu.registry.domain.Records.Evaluator;
import io.miaopu.registry.domain.WorkReport;
import io.miaopu.registry.event.OrganizationRef;
import io.miaopu.registry.contract.RegistryEvents;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.miaopu.registry.repository.OrganizationRepository;
import io.miaopu.registry.repository.RecordRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What organizations do and report: activities, major-activity reports, work reports and their
 * evaluations, Party liaison. Append-only; each record is written with its event (carrying the
 * organization's classification, never a person) in one transaction. Recording needs write
 * jurisdiction over the organization's community and an organization not deregistered.
 */
@ApplicationScoped
public class RecordService {

    private static final Pattern PERIOD = Pattern.compile("([0-9]{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?");
    private static final TypeReference<List<RecordApi.Beneficiaries>> BENEFICIARIES = new TypeReference<>() {
    };

    private final OrganizationRepository organizations;
    private final RecordRepository records;
    private final Access access;
    private final Outbox outbox;
    private final ObjectMapper json;

    public RecordService(OrganizationRepository organizations, RecordRepository records, Access access, Outbox outbox,
                         ObjectMapper json) {
        this.organizations = organizations;
        this.records = records;
        this.access = access;
        this.outbox = outbox;
        this.json = json;
    }

    @WithTransaction
    public Uni<Activity> recordActivity(UUID organizationId, RecordApi.ActivityInput in, Caller caller) {
        LocalDate today = OrganizationRules.today();
        FieldChecks checks = new FieldChecks();
        checks.required(in.theme(), "theme");
        if (in.heldOn() == null) {
            checks.add("heldOn", "is required", "必填");
        } else if (in.heldOn().isAfter(today)) {
            checks.add("heldOn", "is in the future: record an activity once held (report a major one in advance)",
                    "不能晚于今天：活动举办后再记录（重大活动请事先报告）");
        }
        List<RecordApi.Beneficiaries> beneficiaries = in.beneficiaries() == null ? List.of() : in.beneficiaries();
        Set<Object> groups = new HashSet<>();
        for (int i = 0; i < beneficiaries.size(); i++) {
            RecordApi.Beneficiaries b = beneficiaries.get(i);
            String at = "beneficiaries[" + i + "]";
            if (b == null || b.group() == null) {
                checks.add(at + ".group", "is required", "必填");
            } else if (!groups.add(b.group())) {
                checks.add(at + ".group", "is listed twice", "重复列出");
            }
            if (b != null && (b.count() == null || b.count() < 1)) {
                checks.add(at + ".count", "must be at least 1", "至少为 1");
            } else if (b != null && b.count() > RecordApi.MAX_BENEFICIARIES) {
                checks.add(at + ".count", "must be at most " + RecordApi.MAX_BENEFICIARIES, "不能超过 " + RecordApi.MAX_BENEFICIARIES);
            }
        }
        checks.text(in.description(), "description", 2000, true);
        checks.reject();
        return writable(organizationId, caller).chain(o -> {
            if (in.heldOn().isBefore(o.establishedOn != null ? o.establishedOn : o.registeredOn)) {
                throw Inputs.invalid(ProblemType.RULE_VIOLATION, "heldOn", "is before the organization existed",
                        "早于组织成立（登记）日期");
            }
            Activity a = new Activity();
            a.id = UUID.randomUUID();
            a.organizationId = o.id;
            a.theme = in.theme();
            a.heldOn = in.heldOn();
            a.beneficiaries = write(beneficiaries);
            a.description = in.description().strip();
            a.recordedBy = caller.actor();
            a.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Map<String, Object> event = base(a.id, o);
            event.put("theme", a.theme);
            event.put("heldOn", a.heldOn);
            event.put("beneficiaries", beneficiaries);
            event.put("beneficiaryTotal", RecordApi.total(beneficiaries));
            return records.add(a).call(() -> outbox.append(RegistryEvents.ACTIVITY_RECORDED, o.id.toString(), event));
        });
    }

    @WithTransaction
    public Uni<MajorActivityReport> reportMajorActivity(UUID organizationId, RecordApi.MajorActivityInput in, Caller caller) {
        LocalDate today = OrganizationRules.today();
        FieldChecks checks = new FieldChecks();
        checks.required(in.kind(), "kind");
        checks.text(in.title(), "title", 200, true);
        if (in.plannedOn() == null) {
            checks.add("plannedOn", "is required", "必填");
        } else if (!in.plannedOn().isAfter(today)) {
            checks.add("plannedOn", "must be ahead: a major activity is reported before it takes place",
                    "须晚于今天：重大活动须事先报告");
        }
        if (in.expectedAttendance() == null || in.expectedAttendance() < 1) {
            checks.add("expectedAttendance", "must be at least 1", "至少为 1");
        }
        checks.text(in.venue(), "venue", 200, true);
        checks.reject();
        return writable(organizationId, caller).chain(o -> {
            MajorActivityReport r = new MajorActivityReport();
            r.id = UUID.randomUUID();
            r.organizationId = o.id;
            r.kind = in.kind();
            r.title = in.title().strip();
            r.plannedOn = in.plannedOn();
            r.expectedAttendance = in.expectedAttendance();
            r.venue = in.venue().strip();
            r.recordedBy = caller.actor();
            r.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Map<String, Object> event = base(r.id, o);
            event.put("kind", r.kind);
            event.put("plannedOn", r.plannedOn);
            event.put("expectedAttendance", r.expectedAttendance);
            return records.add(r).call(() -> outbox.append(RegistryEvents.MAJOR_ACTIVITY_REPORTED, o.id.toString(), event));
        });
    }

    @WithTransaction
    public Uni<WorkReport> submitWorkReport(UUID organizationId, RecordApi.WorkReportInput in, Caller caller) {
        FieldChecks checks = new FieldChecks();
        String period = in.period() == null ? null : in.period().strip();
        if (period == null || period.isEmpty()) {
            checks.add("period", "is required", "必填");
        } else if (!PERIOD.matcher(period).matches()) {
            checks.add("period", "must be a year (2024), a half (2024-H1), a quarter (2024-Q3) or a month (2024-05)",
                    "须为年（2024）、半年（2024-H1）、季度（2024-Q3）或月份（2024-05）");
        } else if (periodStart(period).isAfter(OrganizationRules.today())) {
            checks.add("period", "has not begun", "尚未开始");
        }
        checks.text(in.content(), "content", 10_000, true);
        checks.reject();
        return writable(organizationId, caller)
                .call(o -> records.count("WorkReport", "organizationId = ?1 and period = ?2", o.id, period).invoke(n -> {
                    if (n > 0) {
                        throw Inputs.invalid(ProblemType.CONFLICT, "period", "already has a work report", "该期间已有工作报告");
                    }
                }))
                .chain(o -> {
                    WorkReport r = new WorkReport();
                    r.id = UUID.randomUUID();
                    r.organizationId = o.id;
                    r.period = period;
                    r.periodStart = periodStart(period);
                    r.content = in.content().strip();
                    r.recordedBy = caller.actor();
                    r.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    Map<String, Object> event = base(r.id, o);
                    event.put("period", r.period);
                    return records.add(r).call(() -> outbox.append(RegistryEvents.WORK_REPORT_SUBMITTED, o.id.toString(), event));
                });
    }

    @WithTransaction
    public Uni<Evaluation> evaluate(UUID organizationId, UUID reportId, RecordApi.EvaluationInput in, Caller caller) {
        LocalDate today = OrganizationRules.today();
        FieldChecks checks = new FieldChecks();
        checks.required(in.evaluator(), "evaluator");
        checks.required(in.rating(), "rating");
        if (in.comment() != null && in.comment().length() > 2000) {
            checks.add("comment", "has more than 2000 characters", "超过 2000 个字符");
        }
        LocalDate on = in.evaluatedOn() == null ? today : in.evaluatedOn();
        if (on.isAfter(today)) {
            checks.add("evaluatedOn", "is in the future", "不能晚于今天");
        }
        checks.reject();
        return writable(organizationId, caller)
                .chain(o -> report(o.id, reportId).map(r -> Map.entry(o, r)))
                .call(pair -> {
                    if (on.isBefore(pair.getValue().recordedAt.atZoneSameInstant(OrganizationRules.CHINA).toLocalDate())) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, "evaluatedOn", "is before the report was submitted",
                                "早于报告提交日期");
                    }
                    if (in.evaluator() != Evaluator.TWO_COMMITTEES) {
                        return Uni.createFrom().voidItem();
                    }
                    return records.count("Evaluation", "workReportId = ?1 and evaluator = ?2", reportId, Evaluator.TWO_COMMITTEES)
                            .invoke(n -> {
                                if (n > 0) {
                                    throw Inputs.invalid(ProblemType.CONFLICT, "evaluator",
                                            "the two committees have already evaluated this report", "两委已评议过该报告");
                                }
                            });
                })
                .chain(pair -> {
                    Organization o = pair.getKey();
                    Evaluation e = new Evaluation();
                    e.id = UUID.randomUUID();
                    e.workReportId = reportId;
                    e.evaluator = in.evaluator();
                    e.rating = in.rating();
                    e.comment = in.comment() == null || in.comment().isBlank() ? null : in.comment().strip();
                    e.evaluatedOn = on;
                    e.recordedBy = caller.actor();
                    e.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    Map<String, Object> event = base(e.id, o);
                    event.put("workReportId", reportId);
                    event.put("evaluator", e.evaluator);
                    event.put("rating", e.rating);
                    event.put("evaluatedOn", e.evaluatedOn);
                    return records.add(e).call(() -> outbox.append(RegistryEvents.EVALUATION_RECORDED, o.id.toString(), event));
                });
    }

    @WithTransaction
    public Uni<PartyLiaison> recordPartyLiaison(UUID organizationId, RecordApi.PartyLiaisonInput in, Caller caller) {
        FieldChecks checks = new FieldChecks();
        checks.text(in.liaison(), "liaison", 50, true);
        checks.text(in.partyOrganization(), "partyOrganization", 200, true);
        if (in.since() == null) {
            checks.add("since", "is required", "必填");
        } else if (in.since().isAfter(OrganizationRules.today())) {
            checks.add("since", "is in the future", "不能晚于今天");
        }
        checks.reject();
        return writable(organizationId, caller).chain(o -> {
            PartyLiaison p = new PartyLiaison();
            p.id = UUID.randomUUID();
            p.organizationId = o.id;
            p.liaison = in.liaison().strip();
            p.partyOrganization = in.partyOrganization().strip();
            p.since = in.since();
            p.recordedBy = caller.actor();
            p.recordedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Map<String, Object> event = base(p.id, o);
            event.put("since", p.since);
            return records.add(p).call(() -> outbox.append(RegistryEvents.PARTY_LIAISON_RECORDED, o.id.toString(), event));
        });
    }

    @WithSession
    public <T> Uni<Page<T>> list(Class<T> type, UUID organizationId, String order, int page, int size, Caller caller) {
        return readable(organizationId, caller).chain(o -> records.page(type, "organizationId", organizationId, order, page, size));
    }

    @WithSession
    public Uni<Page<Evaluation>> evaluations(UUID organizationId, UUID reportId, int page, int size, Caller caller) {
        return readable(organizationId, caller).call(o -> report(o.id, reportId))
                .chain(o -> records.page(Evaluation.class, "workReportId", reportId, "evaluatedOn", page, size));
    }

    public List<RecordApi.Beneficiaries> beneficiaries(Activity activity) {
        try {
            return json.readValue(activity.beneficiaries, BENEFICIARIES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Organization> readable(UUID id, Caller caller) {
        return organizations.findById(id).chain(o -> access.readable(o, id, caller));
    }

    /**
     * The organization, if the caller may record for it, locked: records of one organization are
     * written one at a time, so the "once per period" and "the two committees once" checks hold.
     */
    private Uni<Organization> writable(UUID id, Caller caller) {
        return organizations.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(o -> access.readable(o, id, caller))
                .call(o -> access.requireWrite(caller, o.communityCode))
                .invoke(o -> {
                    if (o.deregistered()) {
                        throw new ProblemException(ProblemType.CONFLICT, "The organization is deregistered; nothing more is recorded.",
                                "该组织已注销，不再记录。");
                    }
                });
    }

    private Uni<WorkReport> report(UUID organizationId, UUID reportId) {
        return records.find(WorkReport.class, reportId).invoke(r -> {
            if (r == null || !r.organizationId.equals(organizationId)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No work report " + reportId + " of this organization.",
                        "该组织没有此工作报告。");
            }
        });
    }

    private static Map<String, Object> base(UUID id, Organization o) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        OrganizationRef ref = OrganizationMapper.toRef(o);
        event.put("organization", ref);
        return event;
    }

    static LocalDate periodStart(String period) {
        Matcher m = PERIOD.matcher(period);
        if (!m.matches()) {
            throw new IllegalArgumentException(period);
        }
        int year = Integer.parseInt(m.group(1));
        String part = m.group(2);
        if (part == null) {
            return LocalDate.of(year, 1, 1);
        }
        return switch (part.charAt(0)) {
            case 'H' -> LocalDate.of(year, part.charAt(1) == '1' ? 1 : 7, 1);
            case 'Q' -> LocalDate.of(year, (part.charAt(1) - '1') * 3 + 1, 1);
            default -> YearMonth.of(year, Integer.parseInt(part)).atDay(1);
        };
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }




}
