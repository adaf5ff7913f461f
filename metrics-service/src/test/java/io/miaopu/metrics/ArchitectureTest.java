package io.miaopu.metrics;

import io.miaopu.chassis.testing.LayerRules;
import org.junit.jupiter.api.Test;

/** The layers point one way (rest → service → repository → domain): nothing outside rest/ imports it. */
class ArchitectureTest {

    @Test
    void layersPointOneWay() {
        LayerRules.check("io.miaopu.metrics");
    }
}
