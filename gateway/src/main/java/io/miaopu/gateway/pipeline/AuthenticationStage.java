package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.IdentityProviderFailures;
import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.gateway.authentication.VerifiedTokens;
import io.miaopu.gateway.routing.RouteTable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The caller is authenticated (Keycloak token verified here, then forwarded so the service verifies
 * it too; a token seen valid recently is not verified again) and authorized by the route's roles.
 * Addresses whose tokens keep failing are metered ({@link RateLimitStage}).
 */
@ApplicationScoped
public class AuthenticationStage {

    private static final Logger LOG = Logger.getLogger(AuthenticationStage.class);

    private final VerifiedTokens verifiedTokens;
    private final RateLimitStage rateLimit;
    private final Refusals refusals;

    public AuthenticationStage(VerifiedTokens verifiedTokens, RateLimitStage rateLimit, Refusals refusals) {
        this.verifiedTokens = verifiedTokens;
        this.rateLimit = rateLimit;
        this.refusals = refusals;
    }

    /** Calls {@code next} with the authorized caller (null on a public route), or refuses. */
    public void authenticate(RoutingContext rc, RouteTable.Match route, Consumer<SecurityIdentity> next) {
        if (route.isPublic()) {
            next.accept(null);
            return;
        }
        String token = bearerToken(rc);
        long now = System.currentTimeMillis() / 1000;
        SecurityIdentity known = verifiedTokens.find(token, now).orElse(null);
        if (known != null) {
            authorize(rc, route, known, next);
            return;
        }
        String address = RateLimitStage.address(rc);
        if (token != null && !rateLimit.mayVerify(rc, address)) {
            return;
        }
        Uni<SecurityIdentity> identity = QuarkusHttpUser.getSecurityIdentity(rc, null);
        identity.subscribe().with(
                caller -> {
                    if (token != null && (caller == null || caller.isAnonymous())) {
                        rateLimit.invalidToken(address); // a token was sent and did not name a caller
                    } else {
                        verifiedTokens.remember(token, caller, now);
                    }
                    authorize(rc, route, caller, next);
                },
                failure -> authenticationFailed(rc, failure, token != null, address));
    }

    /** The bearer token of the Authorization header, if it has exactly one. */
    private static String bearerToken(RoutingContext rc) {
        List<String> values = rc.request().headers().getAll("Authorization");
        if (values.size() != 1 || !values.get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = values.get(0).substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private void authorize(RoutingContext rc, RouteTable.Match route, SecurityIdentity caller, Consumer<SecurityIdentity> next) {
        if (caller == null || caller.isAnonymous()) {
            // A caller without a token spends from its address's bucket like any anonymous caller.
            if (!rateLimit.admit(rc, null)) {
                return;
            }
            refusals.refuse(rc, ProblemType.UNAUTHORIZED, "This API needs a bearer token from the Miaopu realm.",
                    "此接口需要苗圃认证域签发的访问令牌。");
        } else if (!route.allows(caller.getRoles())) {
            refusals.refuse(rc, ProblemType.FORBIDDEN,
                    "Your roles " + caller.getRoles() + " may not use " + route.prefix() + ".",
                    "您的角色无权访问 " + route.prefix() + "。");
        } else {
            next.accept(caller);
        }
    }

    private void authenticationFailed(RoutingContext rc, Throwable failure, boolean hadToken, String address) {
        boolean unreachable = IdentityProviderFailures.isUnreachable(failure);
        if (hadToken && !unreachable) {
            rateLimit.invalidToken(address); // even when Quarkus' own failure handling has answered already
        }
        if (rc.response().ended()) {
            return;
        }
        if (unreachable) {
            LOG.warnf("Keycloak unreachable while verifying a token for %s: %s", rc.request().path(), failure);
            refusals.refuse(rc, ProblemType.IDENTITY_PROVIDER_UNAVAILABLE,
                    "The token cannot be verified because Keycloak is unreachable; retry shortly.",
                    "认证服务暂时无法访问，无法校验令牌，请稍后重试。");
        } else {
            if (!(failure instanceof AuthenticationFailedException)) {
                LOG.debugf("Token verification failed for %s: %s", rc.request().path(), failure);
            }
            refusals.refuse(rc, ProblemType.UNAUTHORIZED, "The bearer token is missing, expired, or not signed by the Miaopu realm.",
                    "令牌缺失、已过期或签名无效。");
        }
    }
}
