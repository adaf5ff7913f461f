package io.miaopu.incubation.mapping;

import io.miaopu.incubation.domain.Funding;
import io.miaopu.incubation.domain.HubDemonstration;
import io.miaopu.incubation.domain.VenueSupport;
import io.miaopu.incubation.event.StructureStates;
import io.miaopu.incubation.service.api.SupportApi;

public final class SupportMapper {

    private SupportMapper() {
    }

    public static SupportApi.HubDemonstrationResponse toResponse(HubDemonstration h) {
        return new SupportApi.HubDemonstrationResponse(h.id, h.organizationId, h.divisionCode, h.certifiedOn, h.certifyingLevel,
                h.revokedOn, h.revokeReason, h.revokedOn == null, h.version, h.createdAt, h.updatedAt);
    }

    public static StructureStates.HubDemonstrationState toState(HubDemonstration h) {
        return new StructureStates.HubDemonstrationState(h.id, h.organizationId, h.divisionCode, h.certifiedOn,
                h.certifyingLevel.name(), h.revokedOn, h.version);
    }

    public static SupportApi.VenueSupportResponse toResponse(VenueSupport v) {
        return new SupportApi.VenueSupportResponse(v.id, v.organizationId, v.venue, v.providingDivisionCode, v.fromDate,
                v.toDate, v.floorAreaM2, v.endReason, v.version, v.createdAt, v.updatedAt);
    }

    public static StructureStates.VenueSupportState toState(VenueSupport v) {
        return new StructureStates.VenueSupportState(v.id, v.organizationId, v.venue, v.providingDivisionCode, v.fromDate,
                v.toDate, v.floorAreaM2, v.version);
    }

    public static SupportApi.FundingResponse toResponse(Funding f) {
        return new SupportApi.FundingResponse(f.id, f.organizationId, f.divisionCode, f.channel, f.amountFen, f.year,
                f.projectTitle, f.cancelledOn, f.cancelReason, f.version, f.createdAt, f.updatedAt);
    }

    public static StructureStates.FundingState toState(Funding f) {
        return new StructureStates.FundingState(f.id, f.organizationId, f.divisionCode, f.channel.name(), f.amountFen, f.year,
                f.projectTitle, f.cancelledOn, f.version);
    }
}
