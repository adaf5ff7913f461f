package io.miaopu.chassis.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Token verification can fail below JAX-RS, on the Vert.x route (always on the gateway's proxy
 * routes; in a service when Keycloak could not be reached to set up verification). Answer those
 * as problem+json: 503 with Retry-After when Keycloak is unreachable, 401 when the token is bad.
 */
@ApplicationScoped
public class AuthenticationFailureRoutes {

    private static final Logger LOG = Logger.getLogger(AuthenticationFailureRoutes.class);

    private final VertxProblems problems;

    public AuthenticationFailureRoutes(VertxProblems problems) {
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    private void onFailure(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure != null && IdentityProviderFailures.isUnreachable(failure)) {
            LOG.warnf("Keycloak unreachable while verifying a token for %s: %s", rc.request().path(), failure);
            problems.identityProviderUnavailable(rc);
        } else if (failure instanceof AuthenticationFailedException) {
            problems.send(rc, ProblemType.UNAUTHORIZED,
                    "The bearer token is missing, expired, or not signed by the Miaopu realm.",
                    "令牌缺失、已过期或签名无效。");
        } else {
            rc.next();
        }
    }
}
