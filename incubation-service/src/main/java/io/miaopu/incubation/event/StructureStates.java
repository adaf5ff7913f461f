package io.miaopu.incubation.event;

import io.miaopu.incubation.domain.DivisionLevel;
import io.miaopu.incubation.domain.Enrollment;
import io.miaopu.incubation.domain.Incubator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/** The full states carried by the support-structure events on miaopu.incubation.v1. */
public final class StructureStates {

    private StructureStates() {
    }

    public record IncubatorState(UUID id, String name, DivisionLevel level, String divisionCode, Incubator.Type type,
                                 UUID operatorOrganizationId, Set<Incubator.Service> services, LocalDate openedOn,
                                 LocalDate closedOn, long version) {
    }

    public record EnrollmentState(UUID id, UUID incubatorId, String divisionCode, UUID organizationId, LocalDate startedOn,
                                  LocalDate endedOn, Enrollment.Outcome outcome, long version) {
    }

    public record HubDemonstrationState(UUID id, UUID organizationId, String divisionCode, LocalDate certifiedOn,
                                        String certifyingLevel, LocalDate revokedOn, long version) {
    }

    public record VenueSupportState(UUID id, UUID organizationId, String venue, String providingDivisionCode,
                                    LocalDate fromDate, LocalDate toDate, BigDecimal floorAreaM2, long version) {
    }

    public record FundingState(UUID id, UUID organizationId, String divisionCode, String channel, long amountFen, int year,
                               String projectTitle, LocalDate cancelledOn, long version) {
    }
}
