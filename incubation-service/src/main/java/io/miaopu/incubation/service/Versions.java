package io.miaopu.incubation.service;

import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.problem.ProblemType;

/** Optimistic concurrency for corrections: the caller sends the version it read. */
final class Versions {

    private Versions() {
    }

    static void require(long current, Long sent) {
        if (sent == null || current != sent) {
            throw Inputs.invalid(ProblemType.CONFLICT, "version", "is not the current version (" + current + "); read it again",
                    "不是当前版本，请重新读取");
        }
    }
}
