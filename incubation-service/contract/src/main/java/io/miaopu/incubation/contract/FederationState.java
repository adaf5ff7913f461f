package io.miaopu.incubation.contract;

import java.time.LocalDate;
import java.util.UUID;

/** The full state carried by federation events on miaopu.incubation.v1. */
public record FederationState(UUID id, String name, String townshipCode, UUID organizationId, LocalDate establishedOn,
                              LocalDate dissolvedOn, long version) {
}
