package io.miaopu.incubation.mapping;

import io.miaopu.incubation.domain.Enrollment;
import io.miaopu.incubation.domain.Incubator;
import io.miaopu.incubation.event.StructureStates;
import io.miaopu.incubation.service.api.IncubatorApi;

public final class IncubatorMapper {

    private IncubatorMapper() {
    }

    public static IncubatorApi.IncubatorResponse toResponse(Incubator i) {
        return new IncubatorApi.IncubatorResponse(i.id, i.name, i.level, i.divisionCode, i.type, i.operatorOrganizationId,
                i.serviceSet(), i.openedOn, i.closedOn, i.closeReason, i.open(), i.version, i.createdAt, i.updatedAt);
    }

    public static StructureStates.IncubatorState toState(Incubator i) {
        return new StructureStates.IncubatorState(i.id, i.name, i.level, i.divisionCode, i.type, i.operatorOrganizationId,
                i.serviceSet(), i.openedOn, i.closedOn, i.version);
    }

    public static IncubatorApi.EnrollmentResponse toResponse(Enrollment e) {
        return new IncubatorApi.EnrollmentResponse(e.id, e.incubatorId, e.organizationId, e.startedOn, e.endedOn, e.outcome,
                e.endReason, e.version, e.createdAt, e.updatedAt);
    }

    /** Its state names the division of its incubator ({@link Enrollment#divisionCode}, set by the service). */
    public static StructureStates.EnrollmentState toState(Enrollment e) {
        return new StructureStates.EnrollmentState(e.id, e.incubatorId, e.divisionCode, e.organizationId, e.startedOn,
                e.endedOn, e.outcome, e.version);
    }
}
