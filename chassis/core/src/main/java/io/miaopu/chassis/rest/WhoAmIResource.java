package io.miaopu.chassis.rest;

import io.miaopu.chassis.config.ServiceConfig;
import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.security.Caller;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Lets a caller (and an operator) see how a service understands the caller's token. */
@IfBuildProperty(name = "miaopu.whoami.enabled", stringValue = "true", enableIfMissing = true)
@Path("/api/v1/{service}/whoami")
@Tag(name = "whoami", description = "How this service sees the caller / 本服务识别到的调用者身份")
public class WhoAmIResource {

    /** The caller as one service sees it. */
    public record WhoAmI(String service, String subject, String username, String clientId, Set<String> roles,
                         String division) {
    }

    private final ServiceConfig service;
    private final SecurityIdentity identity;

    public WhoAmIResource(ServiceConfig service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Who am I / 当前调用者",
            description = "Subject, realm roles and division (辖区代码) of the bearer token, as this service "
                    + "verified it. Any authenticated caller may use it.")
    public WhoAmI whoAmI(@PathParam("service") String serviceName) {
        if (!service.name().equals(serviceName)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No service named '" + serviceName + "' answers here.",
                    "此处没有名为“" + serviceName + "”的服务。");
        }
        Caller caller = Caller.of(identity);
        return new WhoAmI(service.name(), caller.subject(), caller.username(), caller.clientId(), caller.roles(),
                caller.division().orElse(null));
    }
}
