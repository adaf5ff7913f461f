package io.miaopu.incubation.mapping;

import io.miaopu.incubation.domain.StructureChange;
import io.miaopu.incubation.service.api.StructureChangeResponse;

public final class StructureChangeMapper {

    private StructureChangeMapper() {
    }

    public static StructureChangeResponse toResponse(StructureChange c) {
        return new StructureChangeResponse(c.changeType, c.version, c.beforeState, c.afterState, c.reason, c.changedBy,
                c.changedAt);
    }
}
