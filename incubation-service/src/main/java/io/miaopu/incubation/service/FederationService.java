package io.miaopu.incubation.service;

import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.chassis.write.ChangeType;
import io.miaopu.chassis.write.Outcome;
import io.miaopu.chassis.write.Writes;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.domain.Federation;
import io.miaopu.incubation.contract.IncubationEvents;
import io.miaopu.incubation.mapping.FederationMapper;
import io.miaopu.incubation.repository.DivisionRepository;
import io.miaopu.incubation.repository.FederationRepository;
import io.miaopu.incubation.service.api.FederationApi;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/**
 * Hub federations (社区社会组织联合会): at most one active per township-level unit, established
 * and dissolved by the township's clerk, its county officer or the city bureau.
 */
@ApplicationScoped
public class FederationService {

    /** A federation's change types, as its history names them. */
    public enum FederationChange implements ChangeType { ESTABLISHED, UPDATED, DISSOLVED }

    /** Federations in the change log and their events: the state is {@code FederationState}, also the event payload. */
    public static final AggregateKind<Federation> KIND = AggregateKind.of("federation", "federation", "联合会",
            f -> f.townshipCode, FederationMapper::toState);

    private final FederationRepository federations;
    private final DivisionRepository divisions;
    private final References references;
    private final Writes writes;
    private final ChangeLog changes;

    public FederationService(FederationRepository federations, DivisionRepository divisions, References references,
                             Writes writes, ChangeLog changes) {
        this.federations = federations;
        this.divisions = divisions;
        this.references = references;
        this.writes = writes;
        this.changes = changes;
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
                    federation.createdAt = Writes.now();
                    federation.updatedAt = federation.createdAt;
                    return writes.create(KIND, new Writes.Recorded<>(federation, FederationChange.ESTABLISHED, null,
                            null, caller.actor(), IncubationEvents.FEDERATION_ESTABLISHED, federation.createdAt));
                });
    }

    @WithTransaction
    public Uni<Federation> update(UUID id, FederationApi.Update command, String ifMatch, Caller caller) {
        return writes.change(KIND, lock(id), caller)
                .within(divisions)
                .require(FederationService::requireActive)
                .ifMatchOrBodyVersion(ifMatch, command.version(), "version")
                .check(federation -> references.usableOrganization(command.organizationId(), "organizationId"))
                .apply(federation -> {
                    if (federation.dissolvedOn != null && command.establishedOn().isAfter(federation.dissolvedOn)) {
                        throw Inputs.invalid(ProblemType.VALIDATION, "establishedOn", "after the dissolution", "晚于撤销日期");
                    }
                    federation.name = Inputs.requireText(command.name(), "name");
                    federation.organizationId = command.organizationId();
                    federation.establishedOn = command.establishedOn();
                    return Outcome.of(FederationChange.UPDATED, command.reason(), IncubationEvents.FEDERATION_UPDATED);
                });
    }

    @WithTransaction
    public Uni<Federation> dissolve(UUID id, FederationApi.Dissolve command, String ifMatch, Caller caller) {
        return writes.change(KIND, lock(id), caller)
                .within(divisions)
                .ifMatchWhenSent(ifMatch)
                .require(FederationService::requireActive)
                .apply(federation -> {
                    if (command.dissolvedOn().isBefore(federation.establishedOn)) {
                        throw Inputs.invalid(ProblemType.VALIDATION, "dissolvedOn",
                                "before the establishment (" + federation.establishedOn + ")", "早于成立日期");
                    }
                    federation.dissolvedOn = command.dissolvedOn();
                    federation.dissolutionReason = command.reason();
                    return Outcome.of(FederationChange.DISSOLVED, command.reason(), IncubationEvents.FEDERATION_DISSOLVED);
                });
    }

    @WithSession
    public Uni<Federation> get(UUID id, Caller caller) {
        return find(id).call(federation -> Jurisdiction.requireVisible(caller, federation.townshipCode, divisions,
                () -> notFound(id)));
    }

    @WithSession
    public Uni<List<ChangeLog.Entry>> history(UUID id, Caller caller) {
        return get(id, caller).chain(federation -> changes.history(KIND.type(), id.toString()));
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
        return federations.findById(id, LockModeType.PESSIMISTIC_WRITE);
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
}
