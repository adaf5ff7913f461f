package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Page;
import io.miaopu.chassis.security.Caller;
import io.miaopu.chassis.security.Jurisdiction;
import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.domain.Funding;
import io.miaopu.incubation.domain.HubDemonstration;
import io.miaopu.registry.contract.replica.OrganizationReplicaEntry;
import io.miaopu.incubation.domain.StructureChange;
import io.miaopu.incubation.domain.VenueSupport;
import io.miaopu.incubation.contract.IncubationEvents;
import io.miaopu.incubation.mapping.SupportMapper;
import io.miaopu.incubation.repository.DivisionRepository;
import io.miaopu.incubation.repository.FundingRepository;
import io.miaopu.incubation.repository.HubDemonstrationRepository;
import io.miaopu.incubation.repository.StructureChangeRepository;
import io.miaopu.incubation.repository.VenueSupportRepository;
import io.miaopu.incubation.rest.SupportApi;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Hub demonstrations (枢纽型示范), venue support (安家) and funding: each names an organization and
 * lives where that organization (or the providing division) is; writes follow that jurisdiction.
 */
@ApplicationScoped
public class SupportService {

    static final String HUB_DEMONSTRATION = "hub-demonstration";
    static final String VENUE_SUPPORT = "venue-support";
    static final String FUNDING = "funding";

    private final HubDemonstrationRepository demonstrations;
    private final VenueSupportRepository venues;
    private final FundingRepository fundings;
    private final DivisionRepository divisions;
    private final References references;
    private final StructureChangeRepository changes;
    private final StructureRecorder recorder;

    public SupportService(HubDemonstrationRepository demonstrations, VenueSupportRepository venues, FundingRepository fundings,
                          DivisionRepository divisions, References references, StructureChangeRepository changes,
                          StructureRecorder recorder) {
        this.demonstrations = demonstrations;
        this.venues = venues;
        this.fundings = fundings;
        this.divisions = divisions;
        this.references = references;
        this.changes = changes;
        this.recorder = recorder;
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
                    h.createdAt = now();
                    h.updatedAt = h.createdAt;
                    return demonstrations.persist(h).chain(saved -> recorder.record(HUB_DEMONSTRATION, saved.id, 1, "CERTIFIED",
                            null, SupportMapper.toState(saved), null, caller, saved.updatedAt,
                            IncubationEvents.HUB_DEMONSTRATION_CERTIFIED).replaceWith(saved));
                });
    }

    @WithTransaction
    public Uni<HubDemonstration> revoke(UUID id, SupportApi.Revoke command, Caller caller) {
        return readable(demonstrations.findById(id, LockModeType.PESSIMISTIC_WRITE), h -> h.divisionCode, caller,
                        "hub demonstration", "枢纽型示范记录")
                .call(h -> requireCertifier(caller, h.certifyingLevel, h.divisionCode))
                .chain(h -> {
                    if (h.revokedOn != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "Already revoked on " + h.revokedOn + ".", "已撤销认定。");
                    }
                    Dates.notBefore(command.revokedOn(), h.certifiedOn, "revokedOn");
                    String before = recorder.json(SupportMapper.toState(h));
                    h.revokedOn = command.revokedOn();
                    h.revokeReason = command.reason();
                    h.version += 1;
                    h.updatedAt = now();
                    return recorder.record(HUB_DEMONSTRATION, h.id, h.version, "REVOKED", before, SupportMapper.toState(h),
                            command.reason(), caller, h.updatedAt, IncubationEvents.HUB_DEMONSTRATION_REVOKED).replaceWith(h);
                });
    }

    @WithTransaction
    public Uni<HubDemonstration> correct(UUID id, SupportApi.CorrectCertification command, Caller caller) {
        return readable(demonstrations.findById(id, LockModeType.PESSIMISTIC_WRITE), h -> h.divisionCode, caller,
                        "hub demonstration", "枢纽型示范记录")
                .call(h -> requireCertifier(caller, h.certifyingLevel, h.divisionCode))
                .chain(h -> {
                    Versions.require(h.version, command.version());
                    Dates.notBefore(h.revokedOn, command.certifiedOn(), "certifiedOn");
                    String before = recorder.json(SupportMapper.toState(h));
                    h.certifiedOn = command.certifiedOn();
                    h.version += 1;
                    h.updatedAt = now();
                    return recorder.record(HUB_DEMONSTRATION, h.id, h.version, "UPDATED", before, SupportMapper.toState(h),
                            command.reason(), caller, h.updatedAt, IncubationEvents.HUB_DEMONSTRATION_UPDATED).replaceWith(h);
                });
    }

    @WithSession
    public Uni<HubDemonstration> demonstration(UUID id, Caller caller) {
        return readable(demonstrations.findById(id), h -> h.divisionCode, caller, "hub demonstration", "枢纽型示范记录");
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
                    v.createdAt = now();
                    v.updatedAt = v.createdAt;
                    return venues.persist(v).chain(saved -> recorder.record(VENUE_SUPPORT, saved.id, 1, "GRANTED", null,
                            SupportMapper.toState(saved), null, caller, saved.updatedAt, IncubationEvents.VENUE_SUPPORT_GRANTED)
                            .replaceWith(saved));
                });
    }

    @WithTransaction
    public Uni<VenueSupport> endVenue(UUID id, SupportApi.EndVenue command, Caller caller) {
        return changeable(venues.findById(id, LockModeType.PESSIMISTIC_WRITE), v -> v.providingDivisionCode, caller,
                "venue support", "安家记录")
                .chain(v -> {
                    if (v.endReason != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "Already ended on " + v.toDate + ".", "已结束。");
                    }
                    Dates.notBefore(command.toDate(), v.fromDate, "toDate");
                    String before = recorder.json(SupportMapper.toState(v));
                    v.toDate = command.toDate();
                    v.endReason = command.reason();
                    v.version += 1;
                    v.updatedAt = now();
                    return recorder.record(VENUE_SUPPORT, v.id, v.version, "ENDED", before, SupportMapper.toState(v),
                            command.reason(), caller, v.updatedAt, IncubationEvents.VENUE_SUPPORT_ENDED).replaceWith(v);
                });
    }

    @WithTransaction
    public Uni<VenueSupport> correct(UUID id, SupportApi.CorrectVenue command, Caller caller) {
        return changeable(venues.findById(id, LockModeType.PESSIMISTIC_WRITE), v -> v.providingDivisionCode, caller,
                "venue support", "安家记录")
                .chain(v -> {
                    Versions.require(v.version, command.version());
                    Dates.notBefore(command.toDate(), command.fromDate(), "toDate");
                    String before = recorder.json(SupportMapper.toState(v));
                    v.venue = Inputs.requireText(command.venue(), "venue");
                    v.fromDate = command.fromDate();
                    v.toDate = command.toDate();
                    v.floorAreaM2 = command.floorAreaM2();
                    v.version += 1;
                    v.updatedAt = now();
                    return recorder.record(VENUE_SUPPORT, v.id, v.version, "UPDATED", before, SupportMapper.toState(v),
                            command.reason(), caller, v.updatedAt, IncubationEvents.VENUE_SUPPORT_UPDATED).replaceWith(v);
                });
    }

    @WithSession
    public Uni<VenueSupport> venue(UUID id, Caller caller) {
        return readable(venues.findById(id), v -> v.providingDivisionCode, caller, "venue support", "安家记录");
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
                    f.createdAt = now();
                    f.updatedAt = f.createdAt;
                    return fundings.persist(f).chain(saved -> recorder.record(FUNDING, saved.id, 1, "GRANTED", null,
                            SupportMapper.toState(saved), null, caller, saved.updatedAt, IncubationEvents.FUNDING_GRANTED)
                            .replaceWith(saved));
                });
    }

    @WithTransaction
    public Uni<Funding> cancel(UUID id, SupportApi.Cancel command, Caller caller) {
        return changeable(fundings.findById(id, LockModeType.PESSIMISTIC_WRITE), f -> f.divisionCode, caller,
                "funding", "资助记录")
                .chain(f -> {
                    if (f.cancelledOn != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "Already cancelled on " + f.cancelledOn + ".", "已取消。");
                    }
                    String before = recorder.json(SupportMapper.toState(f));
                    f.cancelledOn = command.cancelledOn();
                    f.cancelReason = command.reason();
                    f.version += 1;
                    f.updatedAt = now();
                    return recorder.record(FUNDING, f.id, f.version, "CANCELLED", before, SupportMapper.toState(f),
                            command.reason(), caller, f.updatedAt, IncubationEvents.FUNDING_CANCELLED).replaceWith(f);
                });
    }

    @WithTransaction
    public Uni<Funding> correct(UUID id, SupportApi.CorrectFunding command, Caller caller) {
        Dates.fundingYear(command.year());
        return changeable(fundings.findById(id, LockModeType.PESSIMISTIC_WRITE), f -> f.divisionCode, caller,
                "funding", "资助记录")
                .chain(f -> {
                    Versions.require(f.version, command.version());
                    if (f.cancelledOn != null) {
                        throw new ProblemException(ProblemType.CONFLICT, "Cancelled on " + f.cancelledOn + ".", "已取消。");
                    }
                    String before = recorder.json(SupportMapper.toState(f));
                    f.channel = command.channel();
                    f.amountFen = command.amountFen();
                    f.year = command.year();
                    f.projectTitle = Inputs.requireText(command.projectTitle(), "projectTitle");
                    f.version += 1;
                    f.updatedAt = now();
                    return recorder.record(FUNDING, f.id, f.version, "UPDATED", before, SupportMapper.toState(f),
                            command.reason(), caller, f.updatedAt, IncubationEvents.FUNDING_UPDATED).replaceWith(f);
                });
    }

    @WithSession
    public Uni<Funding> funding(UUID id, Caller caller) {
        return readable(fundings.findById(id), f -> f.divisionCode, caller, "funding", "资助记录");
    }

    @WithSession
    public Uni<Page<Funding>> fundings(String division, int page, int size, Caller caller) {
        return references.divisionsToList(division, caller).chain(codes -> fundings.inDivisions(codes, page, size));
    }

    // ----- shared -----

    @WithSession
    public Uni<List<StructureChange>> history(String structureType, UUID id, Caller caller) {
        Uni<?> readable = switch (structureType) {
            case HUB_DEMONSTRATION -> demonstration(id, caller);
            case VENUE_SUPPORT -> venue(id, caller);
            default -> funding(id, caller);
        };
        return readable.chain(x -> changes.history(structureType, id));
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

    /** An existing record the caller may read; unseen, it is the 404 of a missing one. */
    private <T> Uni<T> readable(Uni<T> found, Function<T, String> division, Caller caller, String what, String whatZh) {
        return found(found, what, whatZh).call(item -> Jurisdiction.requireVisible(caller, division.apply(item), divisions,
                () -> notFound(what, whatZh)));
    }

    /** An existing record the caller may change: unseen 404 (as missing), seen but not writable 403. */
    private <T> Uni<T> changeable(Uni<T> found, Function<T, String> division, Caller caller, String what, String whatZh) {
        return found(found, what, whatZh).call(item -> Jurisdiction.requireChange(caller, division.apply(item), divisions,
                () -> notFound(what, whatZh)));
    }

    private static <T> Uni<T> found(Uni<T> found, String what, String whatZh) {
        return found.onItem().ifNull().failWith(() -> notFound(what, whatZh));
    }

    private static ProblemException notFound(String what, String whatZh) {
        return new ProblemException(ProblemType.NOT_FOUND, "No such " + what + ".", whatZh + "不存在。");
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
