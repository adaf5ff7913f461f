package io.miaopu.incubation;

import io.miaopu.chassis.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IncubationSkeletonTest extends ServiceSkeletonContract {

    IncubationSkeletonTest() {
        super("incubation");
    }
}
