package io.miaopu.registry.service;

import io.miaopu.chassis.problem.ProblemException;
import io.miaopu.chassis.problem.ProblemType;

/** Optimistic concurrency over HTTP: the ETag is the version ("3"); If-Match must name the current one. */
public final class Preconditions {

    private Preconditions() {
    }

    static void requireIfMatchPresent(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you read, so that nobody's change is overwritten unseen.",
                    "请在 If-Match 中提供读取时的 ETag，以免覆盖他人的修改。");
        }
    }

    /** 412 unless one of the listed entity tags (weak or strong) is the current version, or the list is *. */
    static void requireIfMatch(String ifMatch, long version) {
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
        throw failed();
    }

    static ProblemException failed() {
        return new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The organization changed since you read it (If-Match does not name the current ETag); read it again.",
                "该组织在您读取后已被修改（If-Match 与当前 ETag 不符），请重新读取。");
    }
}
