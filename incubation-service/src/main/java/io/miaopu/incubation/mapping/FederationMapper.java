package io.miaopu.incubation.mapping;

import io.miaopu.incubation.domain.Federation;
import io.miaopu.incubation.contract.FederationState;
import io.miaopu.incubation.service.api.FederationApi;

public final class FederationMapper {

    private FederationMapper() {
    }

    public static FederationApi.FederationResponse toResponse(Federation f) {
        return new FederationApi.FederationResponse(f.id, f.name, f.townshipCode, f.organizationId, f.establishedOn,
                f.dissolvedOn, f.dissolutionReason, f.active(), f.version, f.createdAt, f.updatedAt);
    }

    public static FederationState toState(Federation f) {
        return new FederationState(f.id, f.name, f.townshipCode, f.organizationId, f.establishedOn, f.dissolvedOn, f.version);
    }
}
