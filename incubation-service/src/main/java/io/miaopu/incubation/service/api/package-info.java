/**
 * The requests the services accept and the views they answer with: owned by the service layer, served as JSON by
 * {@code rest/} (a thin adapter: status, ETag, Location). Stored history never holds these; it keeps each
 * aggregate's own state record ({@code event/StructureStates}, {@code event/FederationState}, {@code DivisionState}).
 */
package io.miaopu.incubation.service.api;
