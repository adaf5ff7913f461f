package io.miaopu.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** registry-service's own settings. */
@ConfigMapping(prefix = "miaopu.registry")
public interface RegistryConfig {

    /** How long the first answer to a POST with an Idempotency-Key is kept for retries. */
    @WithDefault("30D")
    Duration idempotencyRetention();

    /** How often expired idempotency keys are purged. */
    @WithDefault("1H")
    Duration idempotencyPurgeInterval();

    Imports imports();

    /** Bulk imports. */
    interface Imports {

        /** The largest body an import may have: past it, a 413 at once (the rest is never read). */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize maxBytes();
    }
}
