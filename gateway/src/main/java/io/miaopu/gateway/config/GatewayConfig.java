package io.miaopu.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's route table: which service owns which path, and which roles may use it. Routes
 * and upstreams are configuration (application.properties or environment), never code.
 */
@ConfigMapping(prefix = "miaopu.gateway")
public interface GatewayConfig {

    /** Upstream services by name. */
    Map<String, Upstream> upstreams();

    /** Path prefixes and their owners; the longest matching prefix wins. */
    List<Route> routes();

    /** Largest request body accepted, in bytes. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /**
     * Longest silence of a caller while it sends a request body: then 408 (the body is streamed to the
     * service as it comes, so a slow upload holds a connection, never a buffer).
     */
    @WithDefault("30S")
    Duration bodyIdleTimeout();

    /**
     * The API's public origin (scheme, host and port, for example https://api.miaopu.example): the
     * services build absolute URIs (Location) from it, never from the caller's Host header.
     */
    String publicOrigin();

    /**
     * Requests per client (token bucket): by realm role (the caller gets its most generous role's),
     * {@code default} for any other authenticated caller, {@code anonymous} per address, and
     * {@code invalid-token} per address for bearer tokens that fail verification.
     */
    Map<String, RateLimit> rateLimits();

    CircuitBreakerSettings circuitBreaker();

    /** Verified bearer tokens remembered until they expire, so that a client's every request is not verified again. */
    TokenCache tokenCache();

    interface TokenCache {
        /** Most tokens remembered at once (0: verify every request); about 5 KB each. */
        @WithDefault("2000")
        int maxEntries();
    }

    interface RateLimit {
        /** Sustained requests per second. */
        double perSecond();

        /** Requests that may come at once (the bucket's size). */
        long burst();
    }

    interface CircuitBreakerSettings {
        /** Failures in a row (no connection, no answer in time) that open an upstream's breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker answers 503 at once before letting a probe through. */
        @WithDefault("5S")
        Duration openFor();
    }

    interface Upstream {
        /** Base URL, for example http://127.0.0.1:8081. */
        String url();

        /** A service that does not accept the connection within this is unavailable (503 within a second). */
        @WithDefault("500MS")
        Duration connectTimeout();

        /** Longest silence while waiting for the upstream's answer. */
        @WithDefault("15S")
        Duration readTimeout();
    }

    interface Route {
        /** A path prefix such as /api/v1/registry/; matched on whole segments. */
        String prefix();

        /** Name of the upstream in {@link #upstreams()}. */
        String upstream();

        /** If set, replaces the matched prefix in the forwarded path. */
        Optional<String> rewrite();

        /**
         * Realm roles allowed on this route. {@code authenticated} allows any valid token,
         * {@code anonymous} needs no token at all.
         */
        List<String> roles();

        /** Largest request body on this route, when it differs from the gateway's default. */
        Optional<Long> maxBodyBytes();
    }
}
