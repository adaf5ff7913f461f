package io.miaopu.incubation.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** What incubation reads of registry-service's organization events (the public state they carry). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrganizationState(UUID id, String name, String communityCode, String status, long version) {
}
