package io.miaopu.incubation.mapping;

import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.domain.DivisionChange;
import io.miaopu.incubation.rest.DivisionChangeResponse;
import io.miaopu.incubation.rest.DivisionResponse;
import java.util.List;

public final class DivisionMapper {

    private DivisionMapper() {
    }

    public static DivisionResponse toResponse(Division d) {
        return new DivisionResponse(d.code, d.name, d.level, d.parentCode, d.kind, d.active, d.codeSource, d.revision,
                d.effectiveOn, d.updatedAt);
    }

    /** The current state without its versions, as a history entry keeps it. */
    public static DivisionState toState(Division d) {
        return toState(d, null);
    }

    /** The full state carried by division.changed on the compacted topic, with the division's dated versions. */
    public static DivisionState toState(Division d, List<DivisionState.Version> versions) {
        return new DivisionState(d.code, d.name, d.level.name(), d.parentCode, d.kind == null ? null : d.kind.name(),
                d.active, d.revision, d.effectiveOn, versions);
    }

    public static DivisionChangeResponse toResponse(DivisionChange c) {
        return new DivisionChangeResponse(c.changeType, c.revision, c.effectiveOn, c.beforeState, c.afterState, c.reason,
                c.changedBy, c.changedAt);
    }
}
