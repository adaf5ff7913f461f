package io.miaopu.registry;

import io.miaopu.chassis.testing.LayerRules;
import org.junit.jupiter.api.Test;

/** Layers point one way: rest → service → repository → domain; nothing but rest/ imports rest/. */
class ArchitectureTest {

    @Test
    void layersPointOneWay() {
        LayerRules.check("io.miaopu.registry");
    }
}
