package io.miaopu.gateway.protection;

import io.miaopu.gateway.config.GatewayConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per client: by token subject (a user, or a client's service account), anonymous
 * callers by address. A caller's bucket has the most generous limit among its roles
 * (miaopu.gateway.rate-limits.&lt;role&gt;), else the default; anonymous callers the anonymous one.
 */
@ApplicationScoped
public class RateLimiter {

    public static final String ANONYMOUS = "anonymous";
    public static final String DEFAULT = "default";
    /** The limit of bearer tokens that fail verification, per address (signature checks cost CPU). */
    public static final String INVALID_TOKEN = "invalid-token";

    /** The answer for one request: admitted or not, and what the RateLimit headers say. */
    public record Decision(boolean admitted, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private static final class Bucket {
        private final double perSecond;
        private final double burst;
        private double tokens;
        private long updated;

        Bucket(double perSecond, double burst, long now) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.tokens = burst;
            this.updated = now;
        }

        synchronized Decision take(long now) {
            tokens = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
            boolean admitted = tokens >= 1;
            if (admitted) {
                tokens -= 1;
            }
            long reset = (long) Math.ceil((burst - tokens) / perSecond);
            long retry = admitted ? 0 : (long) Math.ceil((1 - tokens) / perSecond);
            return new Decision(admitted, (long) burst, (long) Math.floor(tokens), reset, Math.max(1, retry));
        }

        /** What {@link #take} would answer, without taking. */
        synchronized Decision peek(long now) {
            double available = Math.min(burst, tokens + (now - updated) / 1e9 * perSecond);
            boolean admitted = available >= 1;
            long reset = (long) Math.ceil((burst - available) / perSecond);
            long retry = admitted ? 0 : (long) Math.ceil((1 - available) / perSecond);
            return new Decision(admitted, (long) burst, (long) Math.floor(available), reset, Math.max(1, retry));
        }

        synchronized boolean idle(long now) {
            return tokens + (now - updated) / 1e9 * perSecond >= burst;
        }
    }

    /** Callers remembered at most (a bucket is a few dozen bytes). */
    private static final int MAX_BUCKETS = 200_000;

    private final GatewayConfig config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(GatewayConfig config, Vertx vertx) {
        this.config = config;
        // Full buckets carry no state worth keeping: forget them, so the map holds only recent callers.
        vertx.setPeriodic(60_000, id -> {
            long now = System.nanoTime();
            buckets.values().removeIf(b -> b.idle(now));
        });
    }

    /** Takes one request from the caller's bucket; {@code subject} null for an anonymous caller (then by address). */
    public Decision take(String subject, Set<String> roles, String address) {
        GatewayConfig.RateLimit limit = limitFor(subject == null ? Set.of(ANONYMOUS) : roles, subject != null);
        String key = subject != null ? "sub:" + subject : "ip:" + network(address);
        long now = System.nanoTime();
        if (buckets.size() >= MAX_BUCKETS && !buckets.containsKey(key)) {
            // Many callers at once (or made-up addresses): forget the idle ones now, not only every minute.
            buckets.values().removeIf(b -> b.idle(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(limit.perSecond(), limit.burst(), now)).take(now);
    }

    /**
     * Whether an address may still have a token verified: its bucket of failed verifications is not
     * empty. Asked before an unknown token's signature is checked, so that one address cannot make
     * the gateway check signatures without bound.
     */
    public Decision mayVerify(String address) {
        GatewayConfig.RateLimit limit = invalidTokenLimit();
        String key = "bad:" + network(address);
        long now = System.nanoTime();
        Bucket bucket = buckets.get(key);
        return bucket == null ? new Bucket(limit.perSecond(), limit.burst(), now).peek(now) : bucket.peek(now);
    }

    /** Spends one from the address's bucket of failed verifications: a token it sent was refused. */
    public Decision invalidToken(String address) {
        GatewayConfig.RateLimit limit = invalidTokenLimit();
        String key = "bad:" + network(address);
        long now = System.nanoTime();
        if (buckets.size() >= MAX_BUCKETS && !buckets.containsKey(key)) {
            buckets.values().removeIf(b -> b.idle(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(limit.perSecond(), limit.burst(), now)).take(now);
    }

    private GatewayConfig.RateLimit invalidTokenLimit() {
        GatewayConfig.RateLimit limit = config.rateLimits().get(INVALID_TOKEN);
        if (limit == null) {
            throw new IllegalStateException("miaopu.gateway.rate-limits." + INVALID_TOKEN + " is not configured");
        }
        return limit;
    }

    /** IPv4 by address; IPv6 by its /64 (one subscriber's whole network), so a caller cannot mint fresh buckets. */
    static String network(String address) {
        if (address == null || !address.contains(":")) {
            return address;
        }
        String[] groups = address.split(":", -1);
        return groups.length >= 4 ? String.join(":", groups[0], groups[1], groups[2], groups[3]) + "::/64" : address;
    }

    private GatewayConfig.RateLimit limitFor(Set<String> roles, boolean authenticated) {
        GatewayConfig.RateLimit best = null;
        for (String role : roles) {
            GatewayConfig.RateLimit candidate = config.rateLimits().get(role);
            if (candidate != null && (best == null || candidate.perSecond() > best.perSecond())) {
                best = candidate;
            }
        }
        if (best == null) {
            best = config.rateLimits().get(authenticated ? DEFAULT : ANONYMOUS);
        }
        if (best == null) {
            throw new IllegalStateException("miaopu.gateway.rate-limits." + (authenticated ? DEFAULT : ANONYMOUS) + " is not configured");
        }
        return best;
    }
}
