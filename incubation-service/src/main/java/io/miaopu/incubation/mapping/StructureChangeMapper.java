package io.miaopu.incubation.mapping;

import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.incubation.service.api.StructureChangeResponse;

public final class StructureChangeMapper {

    private StructureChangeMapper() {
    }

    public static StructureChangeResponse toResponse(ChangeLog.Entry c) {
        return new StructureChangeResponse(c.changeType(), c.version(), c.before(), c.after(), c.reason(), c.changedBy(),
                c.changedAt());
    }
}
