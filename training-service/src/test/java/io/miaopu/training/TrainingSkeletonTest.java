package io.miaopu.training;

import io.miaopu.chassis.testing.ServiceSkeletonContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TrainingSkeletonTest extends ServiceSkeletonContract {

    TrainingSkeletonTest() {
        super("training");
    }
}
