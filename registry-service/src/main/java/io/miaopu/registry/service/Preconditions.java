package io.miaopu.registry.service;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;

/**
 * An organization's optimistic concurrency over HTTP, by the chassis rule (the ETag is the version,
 * "3"): what a change checks before its locked read (an If-Match sent at all), and the 412 of a
 * synchronisation that would create; the version of an existing organization is compared by
 * {@link io.miaopu.chassis.write.Change}, with the same wording.
 */
public final class Preconditions {

    private static final String STALE = "The organization changed since you read it (If-Match does not name the current ETag); "
            + "read it again.";
    private static final String STALE_ZH = "该组织在您读取后已被修改（If-Match 与当前 ETag 不符），请重新读取。";

    private Preconditions() {
    }

    static void requireIfMatchPresent(String ifMatch) {
        io.miaopu.chassis.rest.Preconditions.requireIfMatchPresent(ifMatch);
    }

    static ProblemException failed() {
        return new ProblemException(ProblemType.PRECONDITION_FAILED, STALE, STALE_ZH);
    }
}
