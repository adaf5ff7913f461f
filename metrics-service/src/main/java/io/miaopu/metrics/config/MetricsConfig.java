package io.miaopu.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "miaopu.metrics")
public interface MetricsConfig {

    /** The city the plan is for (乐山市): the division measured when none is asked for. */
    @WithDefault("5111")
    String cityCode();

    /** Most communities a work list returns. */
    @WithDefault("1000")
    int workListMax();

    Exchange exchange();

    Rebuild rebuild();

    interface Exchange {
        /** Most events one page of GET /exchange/events returns. */
        @WithDefault("1000")
        int pageMax();
    }

    interface Rebuild {
        /** Records applied per transaction while replaying. */
        @WithDefault("500")
        int batchSize();

        /** Replay-and-swap rounds before giving up while the live consumers keep ahead. */
        @WithDefault("20")
        int swapAttempts();
    }
}
