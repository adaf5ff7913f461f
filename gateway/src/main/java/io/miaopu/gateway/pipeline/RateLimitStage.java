package io.miaopu.gateway.pipeline;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.gateway.protection.RateLimiter;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * One request taken from the caller's bucket (its token's subject, or its address when anonymous),
 * said in RateLimit headers; 429 when empty. Also the metering of invalid tokens per address, which
 * {@link AuthenticationStage} consults before it checks a signature.
 */
@ApplicationScoped
public class RateLimitStage {

    private final RateLimiter limiter;
    private final Refusals refusals;

    public RateLimitStage(RateLimiter limiter, Refusals refusals) {
        this.limiter = limiter;
        this.refusals = refusals;
    }

    /** False (and 429 sent) when the caller's bucket is empty; {@code caller} null when anonymous. */
    public boolean admit(RoutingContext rc, SecurityIdentity caller) {
        String subject = null;
        if (caller != null && caller.getPrincipal() instanceof JsonWebToken token) {
            Object client = token.getClaim("azp");
            rc.put(Keys.CLIENT, client == null ? null : client.toString());
            // The subject; a token without one (a client without the basic scope) by its client id: never anonymous.
            subject = token.getSubject() != null ? token.getSubject() : "client:" + (client == null ? caller.getPrincipal().getName() : client);
        }
        return spend(rc, subject, caller == null ? Set.of() : caller.getRoles());
    }

    /** Whether the address may have another token's signature checked; false (and 429 sent) when not. */
    public boolean mayVerify(RoutingContext rc, String address) {
        // An address whose tokens keep failing verification gets no more signature checks for a while.
        RateLimiter.Decision verification = limiter.mayVerify(address);
        if (!verification.admitted()) {
            tooManyRequests(rc, verification, "Too many invalid tokens from this address; retry after ",
                    "该地址提交的无效令牌过多，请 ");
            return false;
        }
        return true;
    }

    /** A token from this address did not name a caller. */
    public void invalidToken(String address) {
        limiter.invalidToken(address);
    }

    static String address(RoutingContext rc) {
        return rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().hostAddress();
    }

    /** Takes one request from the caller's bucket and says so in RateLimit headers; false (and 429 sent) when empty. */
    private boolean spend(RoutingContext rc, String subject, Set<String> roles) {
        RateLimiter.Decision quota = limiter.take(subject, roles, address(rc));
        rc.response().putHeader("RateLimit-Limit", String.valueOf(quota.limit()))
                .putHeader("RateLimit-Remaining", String.valueOf(quota.remaining()))
                .putHeader("RateLimit-Reset", String.valueOf(quota.resetSeconds()));
        if (!quota.admitted()) {
            tooManyRequests(rc, quota, "Too many requests from this client; retry after ", "该客户端请求过于频繁，请 ");
            return false;
        }
        return true;
    }

    private void tooManyRequests(RoutingContext rc, RateLimiter.Decision quota, String detail, String detailZh) {
        rc.response().putHeader("Retry-After", String.valueOf(quota.retryAfterSeconds()));
        refusals.refuse(rc, ProblemType.TOO_MANY_REQUESTS, detail + quota.retryAfterSeconds() + " s.",
                detailZh + quota.retryAfterSeconds() + " 秒后重试。");
    }
}
