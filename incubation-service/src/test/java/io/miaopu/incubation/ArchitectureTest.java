package io.miaopu.incubation;

import io.miaopu.chassis.testing.LayerRules;
import org.junit.jupiter.api.Test;

/** Layers point one way: rest → service → repository → domain; nothing outside rest/ imports it. */
class ArchitectureTest {

    @Test
    void layersPointOneWay() {
        LayerRules.check("io.miaopu.incubation");
    }
}
