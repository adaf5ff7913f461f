package io.miaopu.metrics;

import io.miaopu.chassis.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetricsSkeletonTest extends ServiceSkeletonContract {

    MetricsSkeletonTest() {
        super("metrics");
    }
}
