package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.chassis.write.AggregateKind;
import io.miaopu.chassis.write.Audited;
import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.chassis.write.ChangeType;
import io.miaopu.chassis.write.Outcome;
import io.miaopu.chassis.write.Writes;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.domain.Funding;
import io.miaopu.incubation.domain.HubDemonstration;
import io.miaopu.registry.contract.replica.OrganizationReplicaEntry;
import io.miaopu.incubation.domain.VenueSupport;
import io.miaopu.incubation.contract.IncubationEvents;
import io.miaopu.incubation.mapping.SupportMapper;
import io.miaopu.incubation.repository.DivisionRepository;
import io.miaopu.incubation.repository.FundingRepository;
import io.miaopu.incubation.repository.HubDemonstrationRepository;
import io.miaopu.incubation.repository.VenueSupportRepository;
import io.miaopu.incubation.service.api.SupportApi;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;

/**
 * Hub demonstrations (枢纽型示范), venue support (安家) and funding: each names an organization and
 * lives where that organization (or the providing division) is; writes follow that jurisdiction.
 */
@ApplicationScoped
public class SupportService {

    /** A hub demonstration's change types, as its history names them. */
    public enum HubDemonstrationChange implements ChangeType { CERTIFIED, UPDATED, REVOKED }

    /** A venue support's change types. */
    public enum VenueSupportChange implements ChangeType { GRANTED, UPDATED, ENDED }

    /** A funding's change types. */
    public enum FundingChange implements ChangeType { GRANTED, UPDATED, CANCELLED }

    /** Each kind's state ({@code StructureStates}) is also its event payload. */
    public static final AggregateKind<HubDemonstration> HUB_DEMONSTRATION = AggregateKind.of("hub-demonstration",
            "hub demonstration", "枢纽型示范记录", h -> h.divisionCode, SupportMapper::toState);
    public static final AggregateKind<VenueSupport> VENUE_SUPPORT = AggregateKind.of("venue-support",
            "venue support", "安家记录", v -> v.providingDivisionCode, SupportMapper::toState);
    public static final AggregateKind<Funding> FUNDING = AggregateKind.of("funding",
            "funding", "资助记录", f -> f.divisionCode, SupportMapper::toState);

    private final HubDemonstrationRepository demonstrations;
    private final VenueSupportRepository venues;
    private final FundingRepository fundings;
    private final DivisionRepository divisions;
    private final References references;
    private final Writes writes;
    private final ChangeLog changes;

    public SupportService(HubDemonstrationRepository demonstrations, VenueSupportRepository venues, FundingRepository fundings,
                          DivisionRepository divisions, References references, Writes writes, ChangeLog changes) {
        this.demonstrations = demonstrations;
        this.venues = venues;
        this.fundings = fundings;
        this.divisions = divisions;
        this.references = references;
        this.writes = writes;
        this.changes = changes;
    }

    // ----- hub demonstrations -----

    @WithTransaction
    public Uni<HubDemonstration> certify(SupportApi.Certify command, Caller caller) {
        return organizationWithCommunity(command.organizationId())
                .call(organization -> requireCertifier(caller, command.certifyingLevel(), organization.communityCode))
                .call(() -> demonstrations.currentFor(command.organizationId()).invoke(current -> {
                    if (current > 0) {
                        throw Inputs.invalid(ProblemType.CONFLICT, "organizationId", "is already a certified demonstration",
                                "已是在册的枢纽型示范组织");
                    }
                }))
                .chain(organization -> {
                    HubDemonstration h = new HubDemonstration();
                    h.id = UUID.randomUUID();
                    h.organizationId = organization.id;
                    h.divisionCode = organization.communityCode;
                    h.certifiedOn = command.certifiedOn();
                    h.certifyingLevel = command.certifyingLevel();
                    h.version = 1;
                    h.createdAt = Writes.now();
                    h.updatedAt = h.createdAt;
                    return writes.create(HUB_DEMONSTRATION, new Writes.Recorded<>(h, HubDemonstrationChange.CERTIFIED, null,
                            null, caller.actor(), IncubationEvents.HUB_DEMONSTRATION_CERTIFIED, h.createdAt));
                });
    }

    @WithTransaction
    public Uni<HubDemonstration> revoke(UUID id, SupportApi.Revoke command, String ifMatch, Caller caller) {
        return writes.change(HUB_DEMONSTRATION, demonstrations.findById(id, LockModeType.PESSIMISTIC_WRITE), caller)
                .guard(h -> requireCertifierOf(caller, h))
                .ifMatchWhenSent(ifMatch)
                .apply(h -> {
                    if (h.revokedOn != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "Already revoked on " + h.revokedOn + ".", "已撤销认定。");
                    }
                    Dates.notBefore(command.revokedOn(), h.certifiedOn, "revokedOn");
                    h.revokedOn = command.revokedOn();
                    h.revokeReason = command.reason();
                    return Outcome.of(HubDemonstrationChange.REVOKED, command.reason(), IncubationEvents.HUB_DEMONSTRATION_REVOKED);
                });
    }

    @WithTransaction
    public Uni<HubDemonstration> correct(UUID id, SupportApi.CorrectCertification command, String ifMatch, Caller caller) {
        return writes.change(HUB_DEMONSTRATION, demonstrations.findById(id, LockModeType.PESSIMISTIC_WRITE), caller)
                .guard(h -> requireCertifierOf(caller, h))
                .ifMatchOrBodyVersion(ifMatch, command.version(), "version")
                .apply(h -> {
                    Dates.notBefore(h.revokedOn, command.certifiedOn(), "certifiedOn");
                    h.certifiedOn = command.certifiedOn();
                    return Outcome.of(HubDemonstrationChange.UPDATED, command.reason(), IncubationEvents.HUB_DEMONSTRATION_UPDATED);
                });
    }

    @WithSession
    public Uni<HubDemonstration> demonstration(UUID id, Caller caller) {
        return readable(demonstrations.findById(id), HUB_DEMONSTRATION, caller);
    }

    @WithSession
    public Uni<Page<HubDemonstration>> demonstrations(String division, int page, int size, Caller caller) {
        return references.divisionsToList(division, caller).chain(codes -> demonstrations.inDivisions(codes, page, size));
    }

    // ----- venue support -----

    @WithTransaction
    public Uni<VenueSupport> grantVenue(SupportApi.GrantVenue command, Caller caller) {
        return references.activeDivision(command.providingDivisionCode(), "providingDivisionCode")
                .invoke(d -> {
                    if (d.level != DivisionLevel.TOWNSHIP && d.level != DivisionLevel.VILLAGE) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, "providingDivisionCode",
                                "venues are provided by a street, township or community, not a " + d.level,
                                "场地须由街道、乡镇或社区提供");
                    }
                })
                .call(d -> Jurisdiction.requireWrite(caller, d.code, divisions))
                .call(() -> references.usableOrganization(command.organizationId(), "organizationId"))
                .chain(d -> {
                    Dates.notBefore(command.toDate(), command.fromDate(), "toDate");
                    VenueSupport v = new VenueSupport();
                    v.id = UUID.randomUUID();
                    v.organizationId = command.organizationId();
                    v.venue = Inputs.requireText(command.venue(), "venue");
                    v.providingDivisionCode = d.code;
                    v.fromDate = command.fromDate();
                    v.toDate = command.toDate();
                    v.floorAreaM2 = command.floorAreaM2();
                    v.version = 1;
                    v.createdAt = Writes.now();
                    v.updatedAt = v.createdAt;
                    return writes.create(VENUE_SUPPORT, new Writes.Recorded<>(v, VenueSupportChange.GRANTED, null,
                            null, caller.actor(), IncubationEvents.VENUE_SUPPORT_GRANTED, v.createdAt));
                });
    }

    @WithTransaction
    public Uni<VenueSupport> endVenue(UUID id, SupportApi.EndVenue command, String ifMatch, Caller caller) {
        return writes.change(VENUE_SUPPORT, venues.findById(id, LockModeType.PESSIMISTIC_WRITE), caller)
                .within(divisions)
                .ifMatchWhenSent(ifMatch)
                .apply(v -> {
                    if (v.endReason != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "Already ended on " + v.toDate + ".", "已结束。");
                    }
                    Dates.notBefore(command.toDate(), v.fromDate, "toDate");
                    v.toDate = command.toDate();
                    v.endReason = command.reason();
                    return Outcome.of(VenueSupportChange.ENDED, command.reason(), IncubationEvents.VENUE_SUPPORT_ENDED);
                });
    }

    @WithTransaction
    public Uni<VenueSupport> correct(UUID id, SupportApi.CorrectVenue command, String ifMatch, Caller caller) {
        return writes.change(VENUE_SUPPORT, venues.findById(id, LockModeType.PESSIMISTIC_WRITE), caller)
                .within(divisions)
                .ifMatchOrBodyVersion(ifMatch, command.version(), "version")
                .apply(v -> {
                    Dates.notBefore(command.toDate(), command.fromDate(), "toDate");
                    v.venue = Inputs.requireText(command.venue(), "venue");
                    v.fromDate = command.fromDate();
                    v.toDate = command.toDate();
                    v.floorAreaM2 = command.floorAreaM2();
                    return Outcome.of(VenueSupportChange.UPDATED, command.reason(), IncubationEvents.VENUE_SUPPORT_UPDATED);
                });
    }

    @WithSession
    public Uni<VenueSupport> venue(UUID id, Caller caller) {
        return readable(venues.findById(id), VENUE_SUPPORT, caller);
    }

    @WithSession
    public Uni<Page<VenueSupport>> venues(String division, int page, int size, Caller caller) {
        return references.divisionsToList(division, caller).chain(codes -> venues.inDivisions(codes, page, size));
    }

    // ----- funding -----

    @WithTransaction
    public Uni<Funding> grant(SupportApi.Grant command, Caller caller) {
        Dates.fundingYear(command.year());
        return organizationWithCommunity(command.organizationId())
                .call(organization -> Jurisdiction.requireWrite(caller, organization.communityCode, divisions))
                .chain(organization -> {
                    Funding f = new Funding();
                    f.id = UUID.randomUUID();
                    f.organizationId = organization.id;
                    f.divisionCode = organization.communityCode;
                    f.channel = command.channel();
                    f.amountFen = command.amountFen();
                    f.year = command.year();
                    f.projectTitle = Inputs.requireText(command.projectTitle(), "projectTitle");
                    f.version = 1;
                    f.createdAt = Writes.now();
                    f.updatedAt = f.createdAt;
                    return writes.create(FUNDING, new Writes.Recorded<>(f, FundingChange.GRANTED, null,
                            null, caller.actor(), IncubationEvents.FUNDING_GRANTED, f.createdAt));
                });
    }

    @WithTransaction
    public Uni<Funding> cancel(UUID id, SupportApi.Cancel command, String ifMatch, Caller caller) {
        return writes.change(FUNDING, fundings.findById(id, LockModeType.PESSIMISTIC_WRITE), caller)
                .within(divisions)
                .ifMatchWhenSent(ifMatch)
                .apply(f -> {
                    if (f.cancelledOn != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "Already cancelled on " + f.cancelledOn + ".", "已取消。");
                    }
                    f.cancelledOn = command.cancelledOn();
                    f.cancelReason = command.reason();
                    return Outcome.of(FundingChange.CANCELLED, command.reason(), IncubationEvents.FUNDING_CANCELLED);
                });
    }

    @WithTransaction
    public Uni<Funding> correct(UUID id, SupportApi.CorrectFunding command, String ifMatch, Caller caller) {
        Dates.fundingYear(command.year());
        return writes.change(FUNDING, fundings.findById(id, LockModeType.PESSIMISTIC_WRITE), caller)
                .within(divisions)
                .ifMatchOrBodyVersion(ifMatch, command.version(), "version")
                .apply(f -> {
                    if (f.cancelledOn != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "Cancelled on " + f.cancelledOn + ".", "已取消。");
                    }
                    f.channel = command.channel();
                    f.amountFen = command.amountFen();
                    f.year = command.year();
                    f.projectTitle = Inputs.requireText(command.projectTitle(), "projectTitle");
                    return Outcome.of(FundingChange.UPDATED, command.reason(), IncubationEvents.FUNDING_UPDATED);
                });
    }

    @WithSession
    public Uni<Funding> funding(UUID id, Caller caller) {
        return readable(fundings.findById(id), FUNDING, caller);
    }

    @WithSession
    public Uni<Page<Funding>> fundings(String division, int page, int size, Caller caller) {
        return references.divisionsToList(division, caller).chain(codes -> fundings.inDivisions(codes, page, size));
    }

    // ----- shared -----

    @WithSession
    public Uni<List<ChangeLog.Entry>> demonstrationHistory(UUID id, Caller caller) {
        return demonstration(id, caller).chain(h -> changes.history(HUB_DEMONSTRATION.type(), h.aggregateId()));
    }

    @WithSession
    public Uni<List<ChangeLog.Entry>> venueHistory(UUID id, Caller caller) {
        return venue(id, caller).chain(v -> changes.history(VENUE_SUPPORT.type(), v.aggregateId()));
    }

    @WithSession
    public Uni<List<ChangeLog.Entry>> fundingHistory(UUID id, Caller caller) {
        return funding(id, caller).chain(f -> changes.history(FUNDING.type(), f.aggregateId()));
    }

    private Uni<OrganizationReplicaEntry> organizationWithCommunity(UUID organizationId) {
        return references.usableOrganization(organizationId, "organizationId")
                .call(organization -> divisions.findById(organization.communityCode).invoke(community -> {
                    if (community == null) {
                        throw Inputs.invalid(ProblemType.RULE_VIOLATION, "organizationId",
                                "its community " + organization.communityCode + " is not in the hierarchy", "其所在社区不在区划中");
                    }
                }));
    }

    /** CITY certifications by the city bureau; COUNTY ones by the county officer of the organization's county (or the city). */
    private Uni<Void> requireCertifier(Caller caller, HubDemonstration.CertifyingLevel level, String community) {
        boolean city = caller.roles().contains(Jurisdiction.CITY_ADMIN);
        boolean county = caller.roles().contains(Jurisdiction.COUNTY_OFFICER);
        if (level == HubDemonstration.CertifyingLevel.CITY ? !city : !(city || county)) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.FORBIDDEN,
                    "A " + level + " certification is made by the " + (level == HubDemonstration.CertifyingLevel.CITY
                            ? "city bureau." : "county civil-affairs officer or the city bureau."),
                    level == HubDemonstration.CertifyingLevel.CITY ? "市级认定须由市民政局办理。" : "县级认定须由县级民政部门或市民政局办理。"));
        }
        return Jurisdiction.requireWrite(caller, community, divisions);
    }

    /** A change of a certification: unseen is the 404 of a missing one; then the certifier's role and jurisdiction (403). */
    private Uni<Void> requireCertifierOf(Caller caller, HubDemonstration h) {
        return Jurisdiction.requireVisible(caller, h.divisionCode, divisions, HUB_DEMONSTRATION::notFound)
                .chain(() -> requireCertifier(caller, h.certifyingLevel, h.divisionCode));
    }

    /** An existing record the caller may read; unseen, it is the 404 of a missing one. */
    private <T extends Audited> Uni<T> readable(Uni<T> found, AggregateKind<T> kind, Caller caller) {
        return found.onItem().ifNull().failWith(kind::notFound)
                .call(item -> Jurisdiction.requireVisible(caller, kind.division().apply(item), divisions, kind::notFound));
    }
}
