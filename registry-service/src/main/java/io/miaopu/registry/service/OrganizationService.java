package io.miaopu.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.incubation.contract.replica.DivisionReplica;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.Change;
import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.chassis.write.Outcome;
import io.miaopu.chassis.write.Writes;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.domain.OrganizationChangeType;
import io.miaopu.registry.contract.RegistryEvents;
import io.miaopu.registry.mapping.HistoryMapper;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.miaopu.registry.repository.OrganizationFilter;
import io.miaopu.registry.repository.OrganizationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Registration and filing of organizations, their corrections and their lifecycle. Every write goes
 * through the chassis' one write path ({@link Writes}): history in {@code change_log} (the
 * organization's own state, {@link Organization#snapshot}) and the event in the outbox, in one statement.
 */
@ApplicationScoped
public class OrganizationService {

    /** How an organization is written: its history keeps its own state; its events carry its public state. */
    public static final AggregateKind<Organization> ORGANIZATION = new AggregateKind<>("organization", "organization", "组织",
            o -> o.communityCode, Organization::snapshot, OrganizationMapper::toState);

    /** Why the provincial platform's synchronisation changed an organization (its history's reason). */
    static final String SYNCHRONISED = "synchronised by credit code";

    /** What a write answered, and whether it is the replay of an earlier answer (Idempotency-Key). */
    public record Written(OrganizationApi.OrganizationResponse organization, boolean created, boolean replayed) {
    }

    private final OrganizationRepository organizations;
    private final OrganizationRules rules;
    private final Writes writes;
    private final ChangeLog changeLog;
    private final Access access;
    private final DivisionReplica divisions;
    private final ObjectMapper json;

    public OrganizationService(OrganizationRepository organizations, OrganizationRules rules, Writes writes, ChangeLog changeLog,
                               Access access, DivisionReplica divisions, ObjectMapper json) {
        this.organizations = organizations;
        this.rules = rules;
        this.writes = writes;
        this.changeLog = changeLog;
        this.access = access;
        this.divisions = divisions;
        this.json = json;
    }

    /**
     * Registers or files an organization. With an Idempotency-Key, the caller's retry of the same
     * request gets the first answer again and creates nothing; the key reused for another request is a 422.
     */
    @WithTransaction
    public Uni<Written> create(OrganizationApi.Input input, String idempotencyKey, Caller caller) {
        if (idempotencyKey == null) {
            return register(input, caller).map(o -> new Written(OrganizationMapper.toResponse(o), true, false));
        }
        String key = Idempotency.requireValid(idempotencyKey);
        String owner = Objects.requireNonNullElse(caller.subject(), "anonymous");
        String hash = hash(write(input));
        return Idempotency.lock(owner, key)
                .chain(() -> Idempotency.find(owner, key))
                .chain(previous -> {
                    if (previous != null) {
                        if (!previous.requestHash().equals(hash)) {
                            throw Inputs.invalid(ProblemType.RULE_VIOLATION, "Idempotency-Key",
                                    "was already used for a different request", "已用于另一个不同的请求");
                        }
                        return Uni.createFrom().item(new Written(read(previous.body()), true, true));
                    }
                    return register(input, caller).chain(o -> {
                        OrganizationApi.OrganizationResponse response = OrganizationMapper.toResponse(o);
                        return Idempotency.remember(owner, key, hash, 201, "/api/v1/organizations/" + o.id, write(response))
                                .replaceWith(new Written(response, true, false));
                    });
                });
    }

    private Uni<Organization> register(OrganizationApi.Input input, Caller caller) {
        OrganizationRules.requireShape(input);
        // The same rules, in the same implementation, as every row of a bulk import (ImportWorker).
        return rules.requireNew(input, caller)
                .chain(() -> createAll(List.of(OrganizationMapper.newOrganization(input)), caller.actor()))
                .map(created -> created.get(0));
    }

    /**
     * New organizations (a registration, a synchronisation, an import chunk), each with its history
     * entry (REGISTERED or FILED, changed at its createdAt) and its event: one persist batch, one
     * statement for all their history rows and events, in the creating transaction.
     */
    public Uni<List<Organization>> createAll(List<Organization> fresh, String actor) {
        List<Writes.Recorded<Organization>> recorded = fresh.stream().map(o -> {
            boolean registered = o.managementClass == ManagementClass.REGISTERED;
            return new Writes.Recorded<>(o, registered ? OrganizationChangeType.REGISTERED : OrganizationChangeType.FILED, null,
                    null, actor, registered ? RegistryEvents.ORGANIZATION_REGISTERED : RegistryEvents.ORGANIZATION_FILED,
                    o.createdAt);
        }).toList();
        return writes.createAll(ORGANIZATION, recorded);
    }

    @WithSession
    public Uni<Organization> get(UUID id, Caller caller) {
        return organizations.findById(id).chain(o -> access.readable(o, id, caller));
    }

    /** Every change of the organization, oldest first, with the fields each touched. */
    @WithSession
    public Uni<List<OrganizationApi.HistoryEntry>> history(UUID id, Caller caller) {
        return get(id, caller).chain(o -> changeLog.history(ORGANIZATION.type(), o.aggregateId()))
                .map(entries -> entries.stream().map(e -> HistoryMapper.toEntry(e, json)).toList());
    }

    /**
     * A JSON merge patch (RFC 7396) of the recorded facts; the result must satisfy every rule, as a
     * new registration would. The status changes only through status changes.
     */
    @WithTransaction
    public Uni<Organization> update(UUID id, ObjectNode patch, String ifMatch, Caller caller) {
        Preconditions.requireIfMatchPresent(ifMatch);
        Change<Organization> change = writes.change(ORGANIZATION, lock(id), caller).within(divisions).ifMatch(ifMatch);
        return correct(change, o -> Patches.merge(json, OrganizationMapper.toInput(o), patch), Jurisdiction.writeScope(caller),
                null);
    }

    /**
     * A correction of an organization's facts (a PATCH, the provincial synchronisation), after the
     * change's jurisdiction and version steps: not of a deregistered one; the facts must meet every
     * rule of a registration, the community an active village even when unchanged (an organization of
     * a retired community is corrected by moving it), a new community within {@code scope}. Facts equal
     * to the recorded ones are no change.
     */
    private Uni<Organization> correct(Change<Organization> change, Function<Organization, OrganizationApi.Input> facts,
                                      Optional<String> scope, String reason) {
        AtomicReference<OrganizationApi.Input> input = new AtomicReference<>();
        return change
                .check(o -> {
                    if (o.deregistered()) {
                        throw new ProblemException(ProblemType.CONFLICT, "A deregistered organization is no longer changed.",
                                "已注销的组织不能再修改。");
                    }
                    OrganizationApi.Input in = facts.apply(o);
                    OrganizationRules.requireShape(in);
                    input.set(in);
                    return rules.check(OrganizationRules.Proposal.change(in, o.id, o.communityCode), scope)
                            .invoke(OrganizationRules.Verdict::requireAccepted);
                })
                .apply(o -> {
                    applyFacts(input.get(), o);
                    return Outcome.of(OrganizationChangeType.UPDATED, reason, RegistryEvents.ORGANIZATION_UPDATED);
                });
    }

    @WithTransaction
    public Uni<Organization> changeStatus(UUID id, OrganizationApi.StatusChange command, String ifMatch, Caller caller) {
        return writes.change(ORGANIZATION, lock(id), caller).within(divisions).ifMatchWhenSent(ifMatch)
                .apply(o -> {
                    FieldChecks checks = new FieldChecks().required(command.status(), "status")
                            .text(command.reason(), "reason", 500, true);
                    LocalDate effectiveOn = command.effectiveOn() == null ? OrganizationRules.today() : command.effectiveOn();
                    if (effectiveOn.isAfter(OrganizationRules.today())) {
                        checks.add("effectiveOn", "is in the future", "不能晚于今天");
                    }
                    checks.reject();
                    String reason = command.reason().strip();
                    if (effectiveOn.isBefore(o.registeredOn)) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, "effectiveOn",
                                "is before the organization was registered or filed (" + o.registeredOn + ")",
                                "早于组织登记（备案）日期 " + o.registeredOn);
                    }
                    boolean correction = !effectiveOn.equals(o.statusEffectiveOn);
                    if (command.status() == o.status && !correction) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, "status",
                                "is already " + o.status + " since " + effectiveOn + " (another effectiveOn corrects that day)",
                                "自 " + effectiveOn + " 起已是 " + o.status + "（更正生效日期请提供另一 effectiveOn）");
                    }
                    if (!o.status.mayBecome(command.status(), correction)) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, "status",
                                o.status + " may not become " + command.status(), "状态 " + o.status + " 不能变更为 " + command.status());
                    }
                    o.status = command.status();
                    o.statusReason = reason;
                    o.statusEffectiveOn = effectiveOn;
                    return Outcome.of(OrganizationChangeType.STATUS_CHANGED, reason, RegistryEvents.ORGANIZATION_STATUS_CHANGED);
                });
    }

    /**
     * The provincial platform's synchronisation of a registered organization by its credit code:
     * creates it when no organization not deregistered holds the code, else brings it to the
     * given facts; the same request twice changes nothing the second time.
     */
    @WithTransaction
    public Uni<Written> upsertByCreditCode(String creditCode, OrganizationApi.Input input, String ifMatch, Caller caller) {
        if (input.creditCode() != null && !input.creditCode().strip().equals(creditCode)) {
            throw Inputs.invalid(ProblemType.VALIDATION, "creditCode", "differs from the credit code in the path",
                    "与路径中的统一社会信用代码不一致");
        }
        if (input.managementClass() != null && input.managementClass() != ManagementClass.REGISTERED) {
            throw Inputs.invalid(ProblemType.RULE_VIOLATION, "managementClass",
                    "only REGISTERED organizations are synchronised by credit code", "按信用代码同步的仅限依法登记的组织");
        }
        OrganizationApi.Input withCode = new OrganizationApi.Input(input.name(), creditCode, input.legalForm(),
                input.managementClass(), input.category(), input.subcategory(), input.serviceAreas(), input.communityCode(),
                input.registeredOn(), input.establishedOn(), input.leader(), input.memberCount(), input.hubType(),
                input.charterAdopted());
        OrganizationRules.requireShape(withCode);
        access.requireProvincePlatform(caller);
        Optional<String> scope = Access.upsertScope(caller);
        return Idempotency.lock("credit-code", creditCode)
                .chain(() -> organizations.byCreditCodeLocked(creditCode))
                .chain(existing -> {
                    if (existing == null || existing.deregistered()) {
                        return rules.check(OrganizationRules.Proposal.fresh(withCode), scope)
                                .invoke(verdict -> {
                                    verdict.requirePlace();
                                    if (ifMatch != null && !"*".equals(ifMatch.strip())) {
                                        throw Preconditions.failed();
                                    }
                                    verdict.requireAccepted();
                                })
                                .chain(() -> createAll(List.of(OrganizationMapper.newOrganization(withCode)), caller.actor()))
                                .map(created -> new Written(OrganizationMapper.toResponse(created.get(0)), true, false));
                    }
                    Change<Organization> change = writes.change(ORGANIZATION, Uni.createFrom().item(existing), caller)
                            .guard(o -> access.requireUpsert(caller, o.communityCode)).ifMatchWhenSent(ifMatch);
                    return correct(change, o -> withCode, scope, SYNCHRONISED)
                            .map(o -> new Written(OrganizationMapper.toResponse(o), false, false));
                });
    }

    /**
     * Applies corrected facts. An organization active since it was registered or filed stays active
     * since its (corrected) registeredOn; a status taken later keeps its own day.
     */
    private static void applyFacts(OrganizationApi.Input input, Organization o) {
        boolean activeSinceRegistration = o.status == Status.ACTIVE && Objects.equals(o.statusEffectiveOn, o.registeredOn);
        OrganizationMapper.apply(input, o);
        if (activeSinceRegistration) {
            o.statusEffectiveOn = o.registeredOn;
        }
    }

    @WithSession
    public Uni<Page<Organization>> list(String division, OrganizationFilter filter, String sort, int page, int size, Caller caller) {
        Sorting sorting = Sorting.parse(sort);
        return access.divisionToList(division, caller)
                .chain(within -> organizations.list(withDivision(filter, within), sorting.column(),
                        sorting.descending(), page, size));
    }

    static OrganizationFilter withDivision(OrganizationFilter f, String division) {
        return new OrganizationFilter(division, f.category(), f.subcategory(), f.managementClass(), f.status(),
                f.registeredFrom(), f.registeredTo(), f.q(), f.current());
    }

    /** The organization read with a write lock for a change (null when there is none: the change answers 404). */
    private Uni<Organization> lock(UUID id) {
        return organizations.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OrganizationApi.OrganizationResponse read(String body) {
        try {
            return json.readValue(body, OrganizationApi.OrganizationResponse.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
