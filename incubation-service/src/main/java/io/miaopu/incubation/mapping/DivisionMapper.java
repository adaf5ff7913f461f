package io.miaopu.incubation.mapping;

import io.miaopu.chassis.events.divisions.DivisionState;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.domain.DivisionChange;
import io.miaopu.incubation.rest.DivisionChangeResponse;
import io.miaopu.incubation.rest.DivisionResponse;

public final class DivisionMapper {

    private DivisionMapper() {
    }

    public static DivisionResponse toResponse(Division d) {
        return new DivisionResponse(d.code, d.name, d.level, d.parentCode, d.kind, d.active, d.codeSource, d.revision,
                d.updatedAt);
    }

    /** The full state carried by division.changed on the compacted topic. */
    public static DivisionState toState(Division d) {
        return new DivisionState(d.code, d.name, d.level.name(), d.parentCode, d.kind == null ? null : d.kind.name(),
                d.active, d.revision);
    }

    public static DivisionChangeResponse toResponse(DivisionChange c) {
        return new DivisionChangeResponse(c.changeType, c.revision, c.beforeState, c.afterState, c.reason, c.changedBy,
                c.changedAt);
    }
}
