package io.miaopu.registry;

import io.miaopu.chassis.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RegistrySkeletonTest extends ServiceSkeletonContract {

    RegistrySkeletonTest() {
        super("registry");
    }
}
