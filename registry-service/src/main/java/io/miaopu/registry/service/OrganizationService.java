package io.miaopu.registry.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.FieldChecks;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Organization;
import io.miaopu.registry.domain.OrganizationChange;
import io.miaopu.registry.contract.RegistryEvents;
import io.miaopu.registry.mapping.OrganizationMapper;
import io.miaopu.registry.repository.OrganizationChangeRepository;
import io.miaopu.registry.repository.OrganizationFilter;
import io.miaopu.registry.repository.OrganizationRepository;
import io.miaopu.registry.rest.OrganizationApi;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Registration and filing of organizations, their corrections and their lifecycle. */
@ApplicationScoped
public class OrganizationService {

    /** What a write answered, and whether it is the replay of an earlier answer (Idempotency-Key). */
    public record Written(OrganizationApi.OrganizationResponse organization, boolean created, boolean replayed) {
    }

    private final OrganizationRepository organizations;
    private final OrganizationChangeRepository changes;
    private final OrganizationRules rules;
    private final OrganizationRecorder recorder;
    private final Access access;
    private final ObjectMapper json;

    public OrganizationService(OrganizationRepository organizations, OrganizationChangeRepository changes,
                               OrganizationRules rules, OrganizationRecorder recorder, Access access, ObjectMapper json) {
        this.organizations = organizations;
        this.changes = changes;
        this.rules = rules;
        this.recorder = recorder;
        this.access = access;
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
        String hash = hash(recorder.json(input));
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
                        return Idempotency.remember(owner, key, hash, 201, "/api/v1/organizations/" + o.id, recorder.json(response))
                                .replaceWith(new Written(response, true, false));
                    });
                });
    }

    private Uni<Organization> register(OrganizationApi.Input input, Caller caller) {
        OrganizationRules.requireShape(input);
        // The same rules, in the same implementation, as every row of a bulk import (ImportWorker).
        return rules.requireNew(input, caller)
                .chain(() -> organizations.persist(OrganizationMapper.newOrganization(input))
                        .call(saved -> recordCreation(saved, caller.actor())));
    }

    /** History and event of a new organization (registered or filed), in the creating transaction. */
    public Uni<Void> recordCreation(Organization o, String actor) {
        return recordCreations(List.of(o), actor);
    }

    /** History and events of new organizations (an import chunk), in the creating transaction. */
    public Uni<Void> recordCreations(List<Organization> created, String actor) {
        return recorder.recordAll(created.stream().map(o -> {
            boolean registered = o.managementClass == ManagementClass.REGISTERED;
            return new OrganizationRecorder.Change(o, registered ? OrganizationChange.Type.REGISTERED : OrganizationChange.Type.FILED,
                    null, null, actor, registered ? RegistryEvents.ORGANIZATION_REGISTERED : RegistryEvents.ORGANIZATION_FILED);
        }).toList());
    }

    @WithSession
    public Uni<Organization> get(UUID id, Caller caller) {
        return organizations.findById(id).chain(o -> access.readable(o, id, caller));
    }

    @WithSession
    public Uni<List<OrganizationChange>> history(UUID id, Caller caller) {
        return get(id, caller).chain(o -> changes.history(id));
    }

    /**
     * A JSON merge patch (RFC 7396) of the recorded facts; the result must satisfy every rule, as a
     * new registration would. The status changes only through status changes.
     */
    @WithTransaction
    public Uni<Organization> update(UUID id, ObjectNode patch, String ifMatch, Caller caller) {
        Preconditions.requireIfMatchPresent(ifMatch);
        return lock(id, caller)
                .call(o -> access.requireWrite(caller, o.communityCode))
                .chain(o -> {
                    Preconditions.requireIfMatch(ifMatch, o.version);
                    if (o.deregistered()) {
                        throw new ProblemException(ProblemType.CONFLICT, "A deregistered organization is no longer changed.",
                                "已注销的组织不能再修改。");
                    }
                    OrganizationApi.Input merged = Patches.merge(json, OrganizationMapper.toInput(o), patch);
                    return change(o, merged, caller, null);
                });
    }

    /** Applies an input to an existing organization; nothing happens when it changes nothing. */
    private Uni<Organization> change(Organization o, OrganizationApi.Input input, Caller caller, String reason) {
        OrganizationRules.requireShape(input);
        // The community must be an active village-level division even when unchanged: an organization of a
        // retired community is corrected by moving it.
        Uni<Void> community = rules.requireCommunity(input.communityCode()).replaceWithVoid()
                .call(() -> input.communityCode().equals(o.communityCode) ? Uni.createFrom().voidItem()
                        : access.requireWrite(caller, input.communityCode()));
        return community
                .call(() -> rules.requireUnique(input, o.id))
                .chain(() -> {
                    String before = recorder.snapshot(o);
                    applyFacts(input, o);
                    if (recorder.snapshot(o).equals(before)) {
                        return Uni.createFrom().item(o);
                    }
                    o.version += 1;
                    o.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return recorder.record(o, OrganizationChange.Type.UPDATED, before, reason, caller.actor(),
                            RegistryEvents.ORGANIZATION_UPDATED).replaceWith(o);
                });
    }

    @WithTransaction
    public Uni<Organization> changeStatus(UUID id, OrganizationApi.StatusChange command, String ifMatch, Caller caller) {
        return lock(id, caller)
                .call(o -> access.requireWrite(caller, o.communityCode))
                .chain(o -> {
                    if (ifMatch != null) {
                        Preconditions.requireIfMatch(ifMatch, o.version);
                    }
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
                    String before = recorder.snapshot(o);
                    o.status = command.status();
                    o.statusReason = reason;
                    o.statusEffectiveOn = effectiveOn;
                    o.version += 1;
                    o.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    EventType event = RegistryEvents.ORGANIZATION_STATUS_CHANGED;
                    return recorder.record(o, OrganizationChange.Type.STATUS_CHANGED, before, reason, caller.actor(), event)
                            .replaceWith(o);
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
        return Idempotency.lock("credit-code", creditCode)
                .chain(() -> organizations.byCreditCodeLocked(creditCode))
                .chain(existing -> {
                    if (existing == null || existing.deregistered()) {
                        return rules.requireCommunity(withCode.communityCode())
                                .call(() -> access.requireUpsert(caller, withCode.communityCode()))
                                .invoke(() -> {
                                    if (ifMatch != null && !"*".equals(ifMatch.strip())) {
                                        throw Preconditions.failed();
                                    }
                                })
                                .call(() -> rules.requireUnique(withCode, null))
                                .chain(() -> organizations.persist(OrganizationMapper.newOrganization(withCode))
                                        .call(saved -> recordCreation(saved, caller.actor())))
                                .map(o -> new Written(OrganizationMapper.toResponse(o), true, false));
                    }
                    return access.requireUpsert(caller, existing.communityCode)
                            .invoke(() -> {
                                if (ifMatch != null) {
                                    Preconditions.requireIfMatch(ifMatch, existing.version);
                                }
                            })
                            .chain(() -> upsertChange(existing, withCode, caller))
                            .map(o -> new Written(OrganizationMapper.toResponse(o), false, false));
                });
    }

    private Uni<Organization> upsertChange(Organization o, OrganizationApi.Input input, Caller caller) {
        Uni<Void> community = rules.requireCommunity(input.communityCode()).replaceWithVoid()
                .call(() -> input.communityCode().equals(o.communityCode) ? Uni.createFrom().voidItem()
                        : access.requireUpsert(caller, input.communityCode()));
        return community.chain(() -> rules.requireUnique(input, o.id)).chain(() -> {
            String before = recorder.snapshot(o);
            applyFacts(input, o);
            if (recorder.snapshot(o).equals(before)) {
                return Uni.createFrom().item(o);
            }
            o.version += 1;
            o.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return recorder.record(o, OrganizationChange.Type.UPDATED, before, "synchronised by credit code", caller.actor(),
                    RegistryEvents.ORGANIZATION_UPDATED).replaceWith(o);
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

    private Uni<Organization> lock(UUID id, Caller caller) {
        return organizations.findById(id, LockModeType.PESSIMISTIC_WRITE).chain(o -> access.readable(o, id, caller));
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
