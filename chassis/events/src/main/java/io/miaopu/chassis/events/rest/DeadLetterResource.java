package io.miaopu.chassis.events.rest;

import io.miaopu.chassis.config.ServiceConfig;
import io.miaopu.chassis.events.DeadLetterReplay;
import io.miaopu.chassis.events.DeadLetters;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.security.Caller;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dead letters of this service's consumers, for the city bureau's administrator: listed, and
 * replayed once their cause is fixed, so that what a consumer derives (a replica, a projection) is
 * brought back equal to its source. The path names the service ({@code miaopu.service.name}), so that
 * the gateway routes each service's dead letters to it.
 */
@Path("/api/v1/{service}/admin/dead-letters")
@RolesAllowed("city-admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dead-letters", description = "Dead letters of the event consumers (死信): listed and replayed by the city bureau's administrator.")
public class DeadLetterResource {

    private final DeadLetters deadLetters;
    private final DeadLetterReplay replay;
    private final SecurityIdentity identity;
    private final String service;

    public DeadLetterResource(DeadLetters deadLetters, DeadLetterReplay replay, SecurityIdentity identity, ServiceConfig config) {
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.identity = identity;
        this.service = config.name();
    }

    @GET
    @Operation(summary = "Dead letters / 死信列表", description = "Records this service's consumers set aside (unreadable, unknown "
            + "type, invalid against the schema, or refused when applied), newest first: the event's id, type and subject, "
            + "where it was read, the reason, and whether it was replayed. status OPEN (default: not replayed yet) or ALL; "
            + "consumer: one consumer only; limit 1 to 1000 (100).")
    public Uni<List<DeadLetters.DeadLetter>> list(@PathParam("service") String service, @QueryParam("status") String status,
                                                  @QueryParam("consumer") String consumer, @QueryParam("limit") String limit) {
        requireThisService(service);
        boolean onlyOpen = status == null || status.equals("OPEN");
        if (!onlyOpen && !status.equals("ALL")) {
            throw Inputs.invalid(ProblemType.VALIDATION, "status", "must be OPEN or ALL", "须为 OPEN 或 ALL");
        }
        int max;
        try {
            max = limit == null ? 100 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            max = -1;
        }
        if (max < 1 || max > 1000) {
            throw Inputs.invalid(ProblemType.VALIDATION, "limit", "must be a whole number from 1 to 1000", "须为 1 至 1000 的整数");
        }
        return deadLetters.list(onlyOpen, Optional.ofNullable(consumer), max);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Replay a dead letter / 重放死信", description = "Applies the record to its consumer again, once its cause is "
            + "fixed: 200 with the dead letter, outcome APPLIED, or ALREADY_APPLIED when the consumer had applied the event "
            + "before. A dead letter replayed before changes nothing (200, as it stands). 422 if the consumer still refuses "
            + "the record (the reason of now is kept), 404 if there is no such dead letter.")
    public Uni<DeadLetters.DeadLetter> replay(@PathParam("service") String service, @PathParam("id") String id) {
        requireThisService(service);
        long parsed;
        try {
            parsed = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No dead letter " + id + ".", "死信 " + id + " 不存在。");
        }
        return replay.replay(parsed, Caller.of(identity).actor());
    }

    private void requireThisService(String name) {
        if (!this.service.equals(name)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "This is the " + this.service + " service, not " + name + ".",
                    "此为 " + this.service + " 服务，不是 " + name + "。");
        }
    }
}
