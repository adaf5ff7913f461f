package io.miaopu.incubation.service;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.Preconditions;

/**
 * Optimistic concurrency of a change, by the chassis rule: the ETag is the version ({@code "3"}) and If-Match
 * must name the current one (412 stale, 428 missing). Corrections still accept the body {@code version} for one
 * release (deprecated): without If-Match it is checked as before (409 naming {@code version}); If-Match wins when
 * both are sent.
 */
final class Versions {

    private Versions() {
    }

    /** A correction: If-Match (412 stale); else the deprecated body version (409); neither: 428. */
    static void require(long current, String ifMatch, Long bodyVersion, String what, String whatZh) {
        if (sent(ifMatch) || bodyVersion == null) {
            Preconditions.requireIfMatch(ifMatch, current, stale(what), staleZh(whatZh));
        } else if (current != bodyVersion) {
            throw Inputs.invalid(ProblemType.CONFLICT, "version", "is not the current version (" + current + "); read it again",
                    "不是当前版本，请重新读取");
        }
    }

    /** A change of state (close, revoke, retire ...): If-Match is checked when sent (412 stale), optional otherwise. */
    static void requireWhenSent(long current, String ifMatch, String what, String whatZh) {
        if (sent(ifMatch)) {
            Preconditions.requireIfMatch(ifMatch, current, stale(what), staleZh(whatZh));
        }
    }

    private static boolean sent(String ifMatch) {
        return ifMatch != null && !ifMatch.isBlank();
    }

    private static String stale(String what) {
        return "The " + what + " changed since you read it (If-Match does not name the current ETag); read it again.";
    }

    private static String staleZh(String whatZh) {
        return "该" + whatZh + "在您读取后已被修改（If-Match 与当前 ETag 不符），请重新读取。";
    }
}
