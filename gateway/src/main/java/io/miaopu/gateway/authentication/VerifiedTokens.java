package io.miaopu.gateway.authentication;

import io.miaopu.gateway.config.GatewayConfig;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens the gateway has verified, with the caller they name, until the token expires: a
 * client sends the same token for minutes, and checking its signature and claims again on every
 * request was most of the gateway's CPU per request (docs/benchmarks/RESULTS.md). Only the exact
 * token string finds its entry; an entry is never used at or after the token's {@code exp}, after
 * which the token is verified afresh (with its clock-skew grace). The services behind verify every
 * token themselves, so a key withdrawn from the realm stops a cached token there at once.
 */
@ApplicationScoped
public class VerifiedTokens {

    private final int maxEntries;
    private final Map<String, Verified> entries = new ConcurrentHashMap<>();

    /** A caller as the gateway needs it (its token and roles, nothing of the request that first brought it). */
    private record Verified(SecurityIdentity caller, long expiresAtSecond) {
    }

    public VerifiedTokens(GatewayConfig config) {
        this.maxEntries = config.tokenCache().maxEntries();
    }

    /** The caller a token was verified for, while the token has not expired. */
    public Optional<SecurityIdentity> find(String token, long nowSecond) {
        if (token == null) {
            return Optional.empty();
        }
        Verified verified = entries.get(token);
        if (verified == null) {
            return Optional.empty();
        }
        if (nowSecond >= verified.expiresAtSecond()) {
            entries.remove(token, verified);
            return Optional.empty();
        }
        return Optional.of(verified.caller());
    }

    /** Remembers a caller just verified from {@code token}, if the token says when it expires. */
    public void remember(String token, SecurityIdentity caller, long nowSecond) {
        if (maxEntries <= 0 || token == null || caller == null || caller.isAnonymous()
                || !(caller.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= nowSecond) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(v -> nowSecond >= v.expiresAtSecond());
            if (entries.size() >= maxEntries) {
                return; // full of live tokens: verify this one each time rather than grow
            }
        }
        entries.put(token, new Verified(QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRoles(caller.getRoles()).build(),
                jwt.getExpirationTime()));
    }

    /** How many tokens are remembered (for tests and metrics). */
    public int size() {
        return entries.size();
    }
}
