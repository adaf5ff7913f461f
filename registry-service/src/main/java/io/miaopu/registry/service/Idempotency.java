package io.miaopu.registry.service;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Idempotency-Key bookkeeping, inside the writing transaction: the first answer is kept and replayed. */
final class Idempotency {

    record Remembered(String requestHash, int status, String location, String body) {
    }

    private Idempotency() {
    }

    static String requireValid(String key) {
        String k = key.strip();
        if (k.isEmpty() || k.length() > 255 || !k.chars().allMatch(c -> c > 32 && c < 127)) {
            throw Inputs.invalid(ProblemType.VALIDATION, "Idempotency-Key", "must be 1–255 visible ASCII characters",
                    "须为 1–255 个可见 ASCII 字符");
        }
        return k;
    }

    /** Serializes concurrent requests with the same key (retries racing each other) until commit. */
    static Uni<Void> lock(String owner, String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select cast(pg_advisory_xact_lock(hashtextextended(:k, 7)) as text)", String.class)
                .setParameter("k", owner + "\n" + key)
                .getSingleResult()).replaceWithVoid();
    }

    static Uni<Remembered> find(String owner, String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select request_hash, status, location, body from idempotency_key "
                        + "where caller = :caller and key = :key", Object[].class)
                .setParameter("caller", owner).setParameter("key", key)
                .getResultList()).map(Idempotency::first);
    }

    static Uni<Void> remember(String owner, String key, String hash, int status, String location, String body) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into idempotency_key (caller, key, request_hash, status, location, body) "
                        + "values (:caller, :key, :hash, :status, :location, :body)")
                .setParameter("caller", owner).setParameter("key", key).setParameter("hash", hash)
                .setParameter("status", status).setParameter("location", location).setParameter("body", body)
                .executeUpdate()).replaceWithVoid();
    }

    private static Remembered first(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Remembered((String) row[0], ((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
    }
}
