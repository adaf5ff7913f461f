package io.miaopu.incubation.mapping;

import io.miaopu.incubation.contract.DivisionState;
import io.miaopu.chassis.write.ChangeLog;
import io.miaopu.incubation.domain.Division;
import io.miaopu.incubation.service.DivisionService;
import io.miaopu.incubation.service.api.DivisionChangeResponse;
import io.miaopu.incubation.service.api.DivisionResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

    /** Its earlier dated versions followed by its current state, from the day it took effect. */
    public static List<DivisionState.Version> withCurrent(List<DivisionState.Version> earlier, Division d) {
        return withVersion(earlier, new DivisionState.Version(d.effectiveOn, d.name, d.parentCode,
                d.kind == null ? null : d.kind.name(), d.active));
    }

    /** Versions followed by the next one; of versions taking effect the same day, the last one stands. */
    public static List<DivisionState.Version> withVersion(List<DivisionState.Version> versions, DivisionState.Version next) {
        List<DivisionState.Version> all = new ArrayList<>(versions);
        if (!all.isEmpty() && Objects.equals(all.get(all.size() - 1).effectiveOn(), next.effectiveOn())) {
            all.set(all.size() - 1, next);
        } else {
            all.add(next);
        }
        return all;
    }

    public static DivisionChangeResponse toResponse(ChangeLog.Entry c, LocalDate effectiveOn) {
        return new DivisionChangeResponse(DivisionService.DivisionChange.valueOf(c.changeType()), c.version(), effectiveOn,
                c.before(), c.after(), c.reason(), c.changedBy(), c.changedAt());
    }
}
