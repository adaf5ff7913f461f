package io.miaopu.chassis.config;

import io.smallrye.config.ConfigMapping;

/** Identity of the service that embeds the chassis. */
@ConfigMapping(prefix = "miaopu.service")
public interface ServiceConfig {

    /** Short name, also the path segment of its own endpoints: registry, incubation, training, metrics, gateway. */
    String name();
}
