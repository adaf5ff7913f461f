package io.miaopu.chassis.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of the outbox relay and the topic catalogue. */
@ConfigMapping(prefix = "miaopu.events")
public interface EventsConfig {

    Relay relay();

    /** Every topic of the suite and its settings (the catalogue lives in chassis-events' defaults). */
    Map<String, Topic> topics();

    /** Topics this service creates at start if they are missing. */
    Optional<List<String>> ensureTopics();

    @WithDefault("1")
    short replicationFactor();

    /**
     * The topic namespace: topics are named {@code miaopu.<x>} in code and contracts and live on the
     * broker as {@code <namespace>.<x>}. "miaopu" in a deployment; tests use their own, so that
     * they never publish into the topics a running suite reads.
     */
    @WithDefault("miaopu")
    String namespace();

    /**
     * The broker's name for a topic of the catalogue. A public topic (gov.exchange.v1) keeps its
     * contract name in a deployment and is prefixed with the namespace elsewhere (tests).
     */
    default String physical(String topic) {
        if (topic.startsWith("miaopu.")) {
            return namespace() + topic.substring("miaopu".length());
        }
        return "miaopu".equals(namespace()) ? topic : namespace() + "." + topic;
    }

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        /** Pause between polls when the outbox was drained. */
        @WithDefault("50ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /** Longest pause between attempts while the broker or the database fails. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** How long sent events stay in the outbox (for audit and replay) before they are purged. */
        @WithDefault("7d")
        Duration retention();

        /** How often the backlog (count, age of the oldest) is measured. */
        @WithDefault("2s")
        Duration statsInterval();

        /**
         * How long the inbox remembers a processed event id: longer than a redelivery can come (a
         * consumer resumes from its committed offset). A service that could read a topic again from
         * the beginning (its group's offsets lost; the domain topics keep every record) and counts
         * rather than replaces keeps its claims for as long (metrics: 100 years).
         */
        @WithDefault("30d")
        Duration inboxRetention();

        /** How often sent rows older than {@link #retention()} (and old inbox rows) are deleted. */
        @WithDefault("1m")
        Duration purgeInterval();
    }

    interface Topic {
        @WithDefault("3")
        int partitions();

        /** Log-compacted (the latest record per key is kept forever), as for event-carried state. */
        @WithDefault("false")
        boolean compacted();

        /**
         * Keeps every record (no time or size retention): the domain topics are the record that
         * projections are rebuilt from (metrics' admin rebuild replays them from the beginning).
         */
        @WithDefault("false")
        boolean keptForever();

        /**
         * CloudEvents structured mode: the whole event as one JSON value
         * ({@code application/cloudevents+json}), for readers outside the suite (the data exchange);
         * the suite's own topics use binary mode.
         */
        @WithDefault("false")
        boolean structured();
    }
}
