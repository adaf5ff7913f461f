package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.events.EventType;
import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.domain.Federation;
import io.miaopu.incubation.domain.StructureChange;
import io.miaopu.incubation.contract.IncubationEvents;
import io.miaopu.incubation.mapping.FederationMapper;
import io.miaopu.incubation.repository.DivisionRepository;
import io.miaopu.incubation.repository.FederationRepository;
import io.miaopu.incubation.repository.StructureChangeRepository;
import io.miaopu.incubation.rest.FederationApi;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Hub federations (社区社会组织联合会): at most one active per township-level unit, established
 * and dissolved by the township's clerk, its county officer or the city bureau.
 */
@ApplicationScoped
public class FederationService {

    static final String STRUCTURE = "federation";

    private final FederationRepository federations;
    private final DivisionRepository divisions;
    private final References references;
    private final StructureChangeRepository changes;
    private final StructureRecorder recorder;

    public FederationService(FederationRepository federations, DivisionRepository divisions, References references,
                             StructureChangeRepository changes, StructureRecorder recorder) {
        this.federations = federations;
        this.divisions = divisions;
        this.references = references;
        this.changes = changes;
        this.recorder = recorder;
    }

    @WithTransaction
    public Uni<Federation> establish(FederationApi.Establish command, Caller caller) {
        return references.activeDivisionAt(command.townshipCode(), DivisionLevel.TOWNSHIP, "townshipCode")
                .chain(() -> Jurisdiction.requireWrite(caller, command.townshipCode(), divisions))
                .chain(() -> references.usableOrganization(command.organizationId(), "organizationId"))
                .chain(() -> federations.activeIn(command.townshipCode()))
                .chain(existing -> {
                    if (existing != null) {
                        throw new ProblemException(ProblemType.CONFLICT,
                                "Township " + command.townshipCode() + " already has an active federation (" + existing.id + ").",
                                "该乡镇（街道）已有在册的联合会。",
                                List.of(new Problem.FieldError("townshipCode", "already has an active federation", "已有在册联合会")));
                    }
                    Federation federation = new Federation();
                    federation.id = UUID.randomUUID();
                    federation.name = Inputs.requireText(command.name(), "name");
                    federation.townshipCode = command.townshipCode();
                    federation.organizationId = command.organizationId();
                    federation.establishedOn = command.establishedOn();
                    federation.version = 1;
                    federation.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                    federation.updatedAt = federation.createdAt;
                    return federations.persist(federation)
                            .chain(saved -> record(saved, "ESTABLISHED", null, null, caller, IncubationEvents.FEDERATION_ESTABLISHED));
                });
    }

    @WithTransaction
    public Uni<Federation> update(UUID id, FederationApi.Update command, Caller caller) {
        return lock(id)
                .call(federation -> Jurisdiction.requireChange(caller, federation.townshipCode, divisions, () -> notFound(id)))
                .call(federation -> references.usableOrganization(command.organizationId(), "organizationId"))
                .chain(federation -> {
                    requireActive(federation);
                    if (federation.version != command.version()) {
                        throw new ProblemException(ProblemType.CONFLICT, "The federation changed since version " + command.version()
                                + " (now " + federation.version + "); read it again.", "联合会信息已被他人修改，请重新读取。",
                                List.of(new Problem.FieldError("version", "is not the current version", "不是当前版本")));
                    }
                    if (federation.dissolvedOn != null && command.establishedOn().isAfter(federation.dissolvedOn)) {
                        throw Inputs.invalid(ProblemType.VALIDATION, "establishedOn", "after the dissolution", "晚于撤销日期");
                    }
                    String before = state(federation);
                    federation.name = Inputs.requireText(command.name(), "name");
                    federation.organizationId = command.organizationId();
                    federation.establishedOn = command.establishedOn();
                    return record(federation, "UPDATED", before, command.reason(), caller, IncubationEvents.FEDERATION_UPDATED);
                });
    }

    @WithTransaction
    public Uni<Federation> dissolve(UUID id, FederationApi.Dissolve command, Caller caller) {
        return lock(id)
                .call(federation -> Jurisdiction.requireChange(caller, federation.townshipCode, divisions, () -> notFound(id)))
                .chain(federation -> {
                    requireActive(federation);
                    if (command.dissolvedOn().isBefore(federation.establishedOn)) {
                        throw Inputs.invalid(ProblemType.VALIDATION, "dissolvedOn", "before the establishment (" + federation.establishedOn + ")",
                                "早于成立日期");
                    }
                    String before = state(federation);
                    federation.dissolvedOn = command.dissolvedOn();
                    federation.dissolutionReason = command.reason();
                    return record(federation, "DISSOLVED", before, command.reason(), caller, IncubationEvents.FEDERATION_DISSOLVED);
                });
    }

    @WithSession
    public Uni<Federation> get(UUID id, Caller caller) {
        return find(id).call(federation -> Jurisdiction.requireVisible(caller, federation.townshipCode, divisions,
                () -> notFound(id)));
    }

    @WithSession
    public Uni<List<StructureChange>> history(UUID id, Caller caller) {
        return get(id, caller).chain(federation -> changes.history(STRUCTURE, id));
    }

    /** Federations in a division and everything under it (default: the caller's whole jurisdiction). */
    @WithSession
    public Uni<Page<Federation>> list(String division, Boolean active, int page, int size, Caller caller) {
        return references.divisionsToList(division, caller)
                .chain(codes -> federations.inTownships(codes, active, page, size));
    }

    private Uni<Federation> find(UUID id) {
        return federations.findById(id).onItem().ifNull().failWith(() -> notFound(id));
    }

    private Uni<Federation> lock(UUID id) {
        return federations.findById(id, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull().failWith(() -> notFound(id));
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No federation " + id + ".", "联合会不存在。");
    }

    private static void requireActive(Federation federation) {
        if (!federation.active()) {
            throw new ProblemException(ProblemType.CONFLICT, "The federation was dissolved on " + federation.dissolvedOn + ".",
                    "该联合会已撤销。");
        }
    }

    private Uni<Federation> record(Federation federation, String changeType, String before, String reason, Caller caller,
                                   EventType eventType) {
        if (before != null) {
            federation.version += 1;
            federation.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        return recorder.record(STRUCTURE, federation.id, federation.version, changeType, before,
                        FederationMapper.toState(federation), reason, caller, federation.updatedAt, eventType)
                .replaceWith(federation);
    }

    private String state(Federation federation) {
        return recorder.json(FederationMapper.toState(federation));
    }
}
