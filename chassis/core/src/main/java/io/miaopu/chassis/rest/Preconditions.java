package io.miaopu.chassis.rest;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;

/** Optimistic concurrency over HTTP: the ETag is the version ("3"); If-Match must name the current one (428 without, 412 stale). */
public final class Preconditions {

    private Preconditions() {
    }

    public static void requireIfMatchPresent(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you read, so that nobody's change is overwritten unseen.",
                    "请在 If-Match 中提供读取时的 ETag，以免覆盖他人的修改。");
        }
    }

    /**
     * 428 without If-Match; 412 with {@code stale} unless one of the listed entity tags (weak or strong) is the
     * current version, or the list is *.
     */
    public static void requireIfMatch(String ifMatch, long version, String stale, String staleZh) {
        requireIfMatchPresent(ifMatch);
        String current = String.valueOf(version);
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") && t.substring(1, t.length() - 1).equals(current)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED, stale, staleZh);
    }
}
